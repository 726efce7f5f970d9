using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Executions;

/// <summary>
/// Gives every active execution an orchestration again after the durable backend lost it. DevHost's backend
/// keeps orchestrations in memory, so a restart loses those of PENDING and RUNNING executions; a timer calls
/// this, and the orchestration started again with the same id resumes from the record (it waits for the AMC
/// execution already submitted rather than submitting again). Under Azure Durable Functions orchestrations
/// survive restarts, so this normally finds nothing to do there.
/// </summary>
public sealed class ExecutionRecovery(
    ExecutionRecords records,
    ExecutionOrchestrations orchestrations,
    TimeProvider timeProvider,
    ILogger<ExecutionRecovery> logger)
{
    /// <summary>How long a finished orchestration's state is kept in the backend before it is purged.</summary>
    public static readonly TimeSpan FinishedOrchestrationRetention = TimeSpan.FromHours(1);

    /// <summary>
    /// Schedules the orchestration of every PENDING or RUNNING execution that has none, or whose orchestration
    /// ended without recording an outcome (failed or was terminated). Returns how many it scheduled.
    /// </summary>
    public async Task<int> ResumeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var resumed = 0;
        string? continuation = null;
        do
        {
            // The one cross-partition read of executions: recovery has to find them whoever owns them.
            var page = await records.QueryActiveAcrossUsersAsync(continuation, cancellationToken);
            foreach (var execution in page.Items.Select(item => item.Document))
            {
                if (await ResumeOneAsync(client, execution, cancellationToken))
                {
                    resumed++;
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return resumed;
    }

    /// <summary>
    /// Removes the state of orchestrations that finished over <see cref="FinishedOrchestrationRetention"/>
    /// ago, which the in-process backend would otherwise keep in memory for good.
    /// </summary>
    public async Task PurgeFinishedAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Both ends of the window are given: the in-process backend cannot read a filter without a start.
        var filter = new PurgeInstancesFilter(
            CreatedFrom: DateTimeOffset.UnixEpoch,
            CreatedTo: timeProvider.GetUtcNow() - FinishedOrchestrationRetention,
            Statuses:
            [
                OrchestrationRuntimeStatus.Completed,
                OrchestrationRuntimeStatus.Failed,
                OrchestrationRuntimeStatus.Terminated,
            ]);
        await client.PurgeAllInstancesAsync(filter, cancellationToken);
    }

    private async Task<bool> ResumeOneAsync(
        DurableTaskClient client, Execution execution, CancellationToken cancellationToken)
    {
        var instance = await ExecutionOrchestrations.FindAsync(client, execution.Id, cancellationToken);
        var ended = instance?.RuntimeStatus
            is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        if (instance is not null && !ended)
        {
            return false;
        }

        if (instance is not null)
        {
            await ExecutionOrchestrations.PurgeAsync(client, execution.Id, cancellationToken);
        }

        var scheduled = await orchestrations.ScheduleAsync(
            client, execution.UserId, execution.Id, cancellationToken);
        if (scheduled)
        {
            ExecutionsLog.Resumed(logger, execution.Id, instance?.RuntimeStatus.ToString() ?? "none");
        }

        return scheduled;
    }
}
