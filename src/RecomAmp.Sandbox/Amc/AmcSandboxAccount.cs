namespace RecomAmp.Sandbox.Amc;

/// <summary>An AMC account (advertiser entity) the Sandbox knows, with its marketplace and instance ids.</summary>
public sealed class AmcSandboxAccount
{
    public string AccountId { get; set; } = string.Empty;

    public string AccountName { get; set; } = string.Empty;

    public string MarketplaceId { get; set; } = string.Empty;

    public List<string> InstanceIds { get; set; } = [];
}
