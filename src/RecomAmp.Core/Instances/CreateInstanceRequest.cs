using System.Text.Json.Serialization;

namespace RecomAmp.Core.Instances;

/// <summary>
/// The body of <c>POST /api/instances/</c>. Every field may be missing here; <see cref="InstanceService"/>
/// checks them, so a missing required field is reported by name. <see cref="AmcAccountId"/> and
/// <c>amc_accounts.account_id</c> name the same AMC account; either may be given (both only if equal).
/// Without one the instance is kept, but calls to AMC (test-connection, executions) are refused with 422.
/// </summary>
public sealed record CreateInstanceRequest(
    [property: JsonPropertyName("instance_id")] string? AmcInstanceId = null,
    string? Name = null,
    string? Description = null,
    string? Region = null,
    string? AccountId = null,
    bool? IsActive = null,
    AmcAccountInput? AmcAccounts = null,
    string? AmcAccountId = null,
    string? MarketplaceId = null);
