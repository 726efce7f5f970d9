using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>Body of a saved workflow create or replace.</summary>
internal sealed record AmcWorkflowBody(
    string? WorkflowId,
    string? SqlQuery,
    JsonElement? InputParameters,
    string? DistinctUserCountColumn,
    string? FilteredMetricsDiscriminatorColumn,
    string? FilteredReasonColumn);
