using System.Text.Json;

namespace RecomAmp.Core.Workflows;

/// <summary>
/// The optional body of <c>POST /api/workflows/{id}/preview</c>: values that override the saved defaults.
/// </summary>
public sealed record PreviewWorkflowRequest(IReadOnlyDictionary<string, JsonElement>? Parameters = null);
