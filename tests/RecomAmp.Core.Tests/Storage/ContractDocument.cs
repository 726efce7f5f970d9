using System.Text.Json.Serialization;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>The document the store contract tests write, in containers partitioned by /user_id.</summary>
public sealed record ContractDocument(
    string Id,
    string UserId,
    string Name,
    int Rank = 0,
    double Score = 0,
    bool Active = false,
    string? Note = null,
    IReadOnlyList<string>? Tags = null,
    ContractAddress? Address = null,
    DateTimeOffset? CreatedAt = null,
    ContractColor Color = ContractColor.Plain)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; init; }
}
