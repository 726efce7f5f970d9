namespace RecomAmp.Core.Amc;

// Temporary: the base URL setting of the interim AMC client, until the AMC client lands on main.

/// <summary>Where the interim AMC client sends calls (section <c>Amc</c>).</summary>
public sealed class PendingAmcOptions
{
    public const string SectionName = "Amc";

    /// <summary>The Amazon Ads API base URL; when empty, the region's Amazon host.</summary>
    public string? BaseUrl { get; set; }
}
