using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>Body of an execution create: a saved <c>workflowId</c> or an ad hoc <c>workflow</c>.</summary>
internal sealed record AmcExecutionBody(
    string? WorkflowId,
    AmcAdHocWorkflow? Workflow,
    string? TimeWindowType,
    string? TimeWindowStart,
    string? TimeWindowEnd,
    string? TimeWindowTimeZone,
    Dictionary<string, JsonElement>? ParameterValues,
    bool? DisableAggregationControls,
    int? WorkflowExecutionTimeoutSeconds,
    bool? RequireSyntheticData);
