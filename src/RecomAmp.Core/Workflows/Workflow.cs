using System.Text.Json;

namespace RecomAmp.Core.Workflows;

/// <summary>
/// A saved, parameterized AMC query, as stored in <see cref="Storage.StorageContainers.Workflows"/>
/// (partitioned by <see cref="UserId"/>).
/// </summary>
/// <param name="Id">Our id of the workflow (a UUID).</param>
/// <param name="UserId">The owner.</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="SqlQuery">AMC SQL with <see cref="Rendering.SqlTemplate"/> placeholders.</param>
/// <param name="InstanceId">Our id of the owner's instance the workflow runs on.</param>
/// <param name="Parameters">Default parameter values; values given for a run override them.</param>
/// <param name="Tags">Distinct labels for filtering.</param>
/// <param name="IsPublic">Whether the owner marked the workflow as shareable.</param>
/// <param name="TemplateId">The query template the workflow was made from, or null.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC); lists are ordered by it, newest first.</param>
/// <param name="LastExecutedAt">When it last ran, or null until it has.</param>
public sealed record Workflow(
    string Id,
    string UserId,
    string Name,
    string? Description,
    string SqlQuery,
    string InstanceId,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyList<string> Tags,
    bool IsPublic,
    string? TemplateId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastExecutedAt);
