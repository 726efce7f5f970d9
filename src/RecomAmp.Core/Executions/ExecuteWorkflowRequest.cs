using System.Text.Json;

namespace RecomAmp.Core.Executions;

/// <summary>
/// The optional body of <c>POST /api/workflows/{id}/execute</c>: values that override the workflow's saved
/// defaults for this run.
/// </summary>
public sealed record ExecuteWorkflowRequest(IReadOnlyDictionary<string, JsonElement>? Parameters = null);
