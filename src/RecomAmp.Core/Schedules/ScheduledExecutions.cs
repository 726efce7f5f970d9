using Microsoft.DurableTask.Client;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// The product's executions as schedules start and follow them: started through
/// <see cref="ExecutionService"/> (which stores the execution and schedules its orchestration) with the id
/// the claim reserved and the schedule's time zone, and read from the execution records.
/// </summary>
public sealed class ScheduledExecutions(ExecutionService executions, ExecutionRecords records)
{
    /// <summary>The executions, starting orchestrations through <paramref name="client"/>.</summary>
    public IScheduleExecutions For(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new Gateway(executions, records, client);
    }

    private sealed class Gateway(
        ExecutionService executions, ExecutionRecords records, DurableTaskClient client)
        : IScheduleExecutions
    {
        public async Task StartAsync(ScheduledExecutionRequest request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            try
            {
                await executions.StartAsync(
                    request.UserId,
                    request.WorkflowId,
                    new ExecuteWorkflowRequest(request.Parameters),
                    new ExecutionStartOptions(request.ExecutionId, request.Timezone),
                    client,
                    cancellationToken);
            }
            catch (DocumentConflictException)
            {
                // Another ticker stored this execution a moment earlier (it took over a stalled claim): the
                // run has its one execution.
            }
        }

        public async Task<ScheduledExecutionState?> FindAsync(
            string userId, string executionId, CancellationToken cancellationToken)
        {
            var stored = await records.FindAsync(userId, executionId, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var execution = stored.Document;
            var duration = execution.ExecutionDuration
                ?? (execution.CompletedAt is { } completed
                    ? (long)(completed - (execution.StartedAt ?? execution.CreatedAt)).TotalSeconds
                    : null);
            var isTerminal = ExecutionStatus.IsTerminal(execution.Status);
            return new ScheduledExecutionState(execution.Status, isTerminal, duration, execution.ErrorMessage);
        }
    }
}
