using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Amc;

/// <summary>A saved workflow of an instance, as stored by the Sandbox.</summary>
internal sealed record AmcWorkflow(
    string InstanceId,
    string WorkflowId,
    string SqlQuery,
    IReadOnlyList<AmcInputParameter> InputParameters,
    System.Text.Json.JsonElement? RawInputParameters,
    string? DistinctUserCountColumn,
    string? FilteredMetricsDiscriminatorColumn,
    string? FilteredReasonColumn,
    DateTimeOffset CreateTime,
    DateTimeOffset LastUpdatedTime);
