using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>Where an execution stands, as the preparing and submitting activities report it.</summary>
/// <param name="Proceed">False when nothing is left to do: the record is gone or already terminal.</param>
/// <param name="Status">The record's status, or <see cref="Deleted"/> when it no longer exists.</param>
/// <param name="AmcExecutionId">AMC's id of the execution once submitted.</param>
/// <param name="AmcWorkflowId">The saved AMC workflow the execution runs.</param>
/// <param name="StartedAt">When AMC accepted it.</param>
/// <param name="Target">The AMC instance and account the calls go to.</param>
public sealed record ExecutionProgress(
    bool Proceed,
    string Status,
    string? AmcExecutionId,
    string? AmcWorkflowId,
    DateTimeOffset? StartedAt,
    AmcTarget? Target)
{
    /// <summary>What an orchestration reports when its execution record was deleted under it.</summary>
    public const string Deleted = "DELETED";

    public static ExecutionProgress Stop(string status) => new(false, status, null, null, null, null);

    public static ExecutionProgress Of(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new ExecutionProgress(
            ExecutionStatus.IsActive(execution.Status),
            execution.Status,
            execution.AmcExecutionId,
            execution.AmcWorkflowId,
            execution.StartedAt,
            execution.AmcTarget());
    }
}
