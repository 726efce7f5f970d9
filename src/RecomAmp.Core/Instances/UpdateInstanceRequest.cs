namespace RecomAmp.Core.Instances;

/// <summary>
/// The body of <c>PUT /api/instances/{id}</c>: only the fields given (not null) change. An empty
/// <see cref="Description"/> or <see cref="AccountId"/> clears it. AMC's instance id cannot change.
/// </summary>
public sealed record UpdateInstanceRequest(
    string? Name = null,
    string? Description = null,
    string? Region = null,
    string? AccountId = null,
    bool? IsActive = null,
    AmcAccountInput? AmcAccounts = null);
