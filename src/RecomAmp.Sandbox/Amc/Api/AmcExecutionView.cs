using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>An execution as AMC returns it; times are UTC with a Z.</summary>
internal sealed record AmcExecutionView(
    string WorkflowExecutionId,
    string WorkflowId,
    string InstanceId,
    string Status,
    string? StatusReason,
    string CreateTime,
    string LastUpdatedTime,
    string? StartTime,
    string? EndTime,
    string ExpireTime,
    string TimeWindowType,
    string TimeWindowStart,
    string TimeWindowEnd,
    string TimeWindowTimeZone,
    IReadOnlyDictionary<string, JsonElement> ParameterValues,
    bool DisableAggregationControls,
    int WorkflowExecutionTimeoutSeconds,
    IReadOnlyList<string>? OutputColumns,
    long? ExecutionTime,
    string? OutputS3URI);
