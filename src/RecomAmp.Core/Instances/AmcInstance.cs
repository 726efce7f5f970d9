namespace RecomAmp.Core.Instances;

/// <summary>
/// An AMC instance a user works with, as stored in <see cref="Storage.StorageContainers.Instances"/>
/// (partitioned by <see cref="UserId"/>).
/// </summary>
/// <param name="Id">Our id of the instance (a UUID); workflows refer to the instance by it.</param>
/// <param name="UserId">The owner.</param>
/// <param name="AmcInstanceId">AMC's own id of the instance (used in AMC URLs); unique per user.</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Region">One of <see cref="AmcRegions.All"/>.</param>
/// <param name="AccountId">The advertiser account the instance is used for, or null.</param>
/// <param name="IsActive">Inactive instances are kept but left out of <c>active_only</c> lists.</param>
/// <param name="HealthStatus">One of <see cref="InstanceHealthStatus"/>.</param>
/// <param name="AmcAccount">
/// The AMC account that owns the instance, when known; its id is the <c>amc_account_id</c> that AMC calls
/// send as advertiser id.
/// </param>
/// <param name="CreatedAt">When the instance was added (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="MarketplaceId">The marketplace AMC calls name (<see cref="AmcMarketplaces"/>).</param>
/// <param name="LastTestedAt">When the connection was last tested (UTC), or null.</param>
public sealed record AmcInstance(
    string Id,
    string UserId,
    string AmcInstanceId,
    string Name,
    string? Description,
    string Region,
    string? AccountId,
    bool IsActive,
    string HealthStatus,
    AmcAccountSummary? AmcAccount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string MarketplaceId = AmcMarketplaces.Default,
    DateTimeOffset? LastTestedAt = null)
{
    /// <summary>
    /// The value of <see cref="Type"/> that tells instances from the other documents of the container.
    /// </summary>
    public const string DocumentType = "amc_instance";

    public string Type { get; init; } = DocumentType;
}
