using System.Text.Json.Serialization;

namespace RecomAmp.Core.Instances;

/// <summary>
/// An instance as the API returns it. <c>amc_account_id</c> repeats <c>amc_accounts.account_id</c>, the
/// AMC account (advertiser) id that calls to AMC send.
/// </summary>
public sealed record InstanceResponse(
    string Id,
    [property: JsonPropertyName("instance_id")] string AmcInstanceId,
    string Name,
    string? Description,
    string Region,
    string? AccountId,
    bool IsActive,
    string HealthStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    AmcAccountSummary? AmcAccounts,
    string? AmcAccountId,
    string MarketplaceId,
    DateTimeOffset? LastTestedAt)
{
    public static InstanceResponse From(AmcInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceResponse(
            instance.Id,
            instance.AmcInstanceId,
            instance.Name,
            instance.Description,
            instance.Region,
            instance.AccountId,
            instance.IsActive,
            instance.HealthStatus,
            instance.CreatedAt,
            instance.UpdatedAt,
            instance.AmcAccount,
            instance.AmcAccount?.AccountId,
            instance.MarketplaceId,
            instance.LastTestedAt);
    }
}
