using System.Text.Json.Serialization;

namespace RecomAmp.Core.Instances;

/// <summary>
/// The body of <c>POST /api/instances/</c>. Every field may be missing here; <see cref="InstanceService"/>
/// checks them, so a missing required field is reported by name.
/// </summary>
public sealed record CreateInstanceRequest(
    [property: JsonPropertyName("instance_id")] string? AmcInstanceId = null,
    string? Name = null,
    string? Description = null,
    string? Region = null,
    string? AccountId = null,
    bool? IsActive = null,
    AmcAccountInput? AmcAccounts = null);
