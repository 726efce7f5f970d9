using System.Text.Json;

namespace RecomAmp.Core.Workflows;

/// <summary>
/// The body of <c>POST /api/workflows/</c>. Every field may be missing here; <see cref="WorkflowService"/>
/// checks them, so a missing required field is reported by name.
/// </summary>
public sealed record CreateWorkflowRequest(
    string? Name = null,
    string? Description = null,
    string? SqlQuery = null,
    string? InstanceId = null,
    string? TemplateId = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null,
    IReadOnlyList<string?>? Tags = null,
    bool? IsPublic = null);
