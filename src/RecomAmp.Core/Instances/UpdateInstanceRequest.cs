namespace RecomAmp.Core.Instances;

/// <summary>
/// The body of <c>PUT /api/instances/{id}</c>: only the fields given (not null) change. An empty
/// <see cref="Description"/>, <see cref="AccountId"/> or <see cref="AmcAccountId"/> clears it. AMC's instance
/// id cannot change. Changing the AMC account, marketplace or region resets the health to unknown.
/// </summary>
public sealed record UpdateInstanceRequest(
    string? Name = null,
    string? Description = null,
    string? Region = null,
    string? AccountId = null,
    bool? IsActive = null,
    AmcAccountInput? AmcAccounts = null,
    string? AmcAccountId = null,
    string? MarketplaceId = null);
