namespace RecomAmp.Core.Instances;

/// <summary>
/// The AWS regions AMC instances live in, one per Amazon Ads region: North America (<c>us-east-1</c>),
/// Europe (<c>eu-west-1</c>) and Far East (<c>us-west-2</c>). An instance's region must be one of them.
/// </summary>
public static class AmcRegions
{
    public const string NorthAmerica = "us-east-1";
    public const string Europe = "eu-west-1";
    public const string FarEast = "us-west-2";

    /// <summary>The region of an instance created without one.</summary>
    public const string Default = NorthAmerica;

    public static IReadOnlyList<string> All { get; } = [NorthAmerica, Europe, FarEast];

    public static bool IsKnown(string region) => All.Contains(region, StringComparer.Ordinal);
}
