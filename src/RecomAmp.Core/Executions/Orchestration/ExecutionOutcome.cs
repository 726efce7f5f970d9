namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>How an execution ended, for <see cref="CompleteExecutionActivity"/> to record.</summary>
public sealed record ExecutionOutcome(
    string UserId,
    string ExecutionId,
    string Status,
    string? ErrorMessage,
    string? AmcStatus,
    long? ResultRows,
    long? ResultSizeBytes,
    IReadOnlyList<string>? OutputColumns,
    DateTimeOffset? AmcStartTime,
    DateTimeOffset? AmcEndTime)
{
    public static ExecutionOutcome Failure(string userId, string executionId, string message) =>
        new(userId, executionId, ExecutionStatus.Failed, message, null, null, null, null, null, null);
}
