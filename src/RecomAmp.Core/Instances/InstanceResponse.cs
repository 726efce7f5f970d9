using System.Text.Json.Serialization;

namespace RecomAmp.Core.Instances;

/// <summary>An instance as the API returns it.</summary>
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
    AmcAccountSummary? AmcAccounts)
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
            instance.AmcAccount);
    }
}
