namespace RecomAmp.Core.Schedules;

/// <summary>
/// The executions that scheduled runs start, as the ticker needs them: start one with a chosen id, and read
/// how one is doing. The product's implementation runs them through the execution service and its durable
/// orchestration.
/// </summary>
public interface IScheduleExecutions
{
    /// <summary>
    /// Starts the execution <see cref="ScheduledExecutionRequest.ExecutionId"/>; returns once it is stored
    /// and its orchestration is scheduled.
    /// </summary>
    /// <exception cref="Common.ApiException">
    /// The run cannot start (the workflow is gone, a parameter is missing, the instance has no AMC account):
    /// the run is recorded as failed with this reason. Any other exception leaves the run to be retried.
    /// </exception>
    Task StartAsync(ScheduledExecutionRequest request, CancellationToken cancellationToken);

    /// <summary>The execution's state; null when the user has no such execution.</summary>
    Task<ScheduledExecutionState?> FindAsync(
        string userId, string executionId, CancellationToken cancellationToken);
}
