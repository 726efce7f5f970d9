using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Executions;

/// <summary>An execution as the API returns it.</summary>
public sealed record ExecutionResponse(
    string Id,
    string WorkflowId,
    string InstanceId,
    string Status,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    string TimeWindowStart,
    string TimeWindowEnd,
    string TimeWindowTimezone,
    string? AmcWorkflowId,
    string? AmcExecutionId,
    string? AmcStatus,
    long? ResultRows,
    long? ResultSizeBytes,
    long? ExecutionDuration,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ErrorMessage,
    DateTimeOffset UpdatedAt)
{
    public static ExecutionResponse From(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new ExecutionResponse(
            execution.Id,
            execution.WorkflowId,
            execution.InstanceId,
            execution.Status,
            execution.Parameters,
            execution.TimeWindowStart,
            execution.TimeWindowEnd,
            execution.TimeWindowTimezone,
            execution.AmcWorkflowId,
            execution.AmcExecutionId,
            execution.AmcStatus,
            execution.ResultRows,
            execution.ResultSizeBytes,
            execution.ExecutionDuration,
            execution.CreatedAt,
            execution.StartedAt,
            execution.CompletedAt,
            execution.ErrorMessage,
            execution.UpdatedAt);
    }

    /// <summary>Executions in the API's list shape, <c>{"data": [...]}</c>.</summary>
    public static ListResponse<ExecutionResponse> List(IEnumerable<Execution> executions) =>
        new([.. executions.Select(From)]);
}
