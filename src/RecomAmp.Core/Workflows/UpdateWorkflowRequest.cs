using System.Text.Json;

namespace RecomAmp.Core.Workflows;

/// <summary>
/// The body of <c>PUT /api/workflows/{id}</c>: only the fields given (not null) change, and they are checked
/// as on create. An empty <see cref="Description"/> or <see cref="TemplateId"/> clears it; <see
/// cref="Parameters"/> and <see cref="Tags"/> replace the saved ones as a whole.
/// </summary>
public sealed record UpdateWorkflowRequest(
    string? Name = null,
    string? Description = null,
    string? SqlQuery = null,
    string? InstanceId = null,
    string? TemplateId = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null,
    IReadOnlyList<string?>? Tags = null,
    bool? IsPublic = null);
