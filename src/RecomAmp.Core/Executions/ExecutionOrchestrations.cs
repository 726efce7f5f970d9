using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Executions.Orchestration;

namespace RecomAmp.Core.Executions;

/// <summary>
/// Starts, ends and forgets the orchestration of an execution, whose instance id is the execution id. The
/// durable client comes from the caller: under Azure Functions it is bound per function call.
/// </summary>
public sealed class ExecutionOrchestrations(IOptions<ExecutionOptions> options)
{
    /// <summary>
    /// Schedules the execution's orchestration unless one with its id exists already, so that a repeated call
    /// (a retried request, recovery racing a request) never runs the execution twice.
    /// </summary>
    /// <returns>False when the orchestration existed already.</returns>
    public async Task<bool> ScheduleAsync(
        DurableTaskClient client, string userId, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(executionId, cancellationToken) is not null)
        {
            return false;
        }

        var settings = ExecutionRunSettings.From(options.Value);
        var input = new ExecutionOrchestrationInput(userId, executionId, settings);
        var start = new StartOrchestrationOptions(InstanceId: executionId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending,
            OrchestrationRuntimeStatus.Running,
            OrchestrationRuntimeStatus.Suspended,
            OrchestrationRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ExecutionOrchestrator), input, start, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Someone else may have scheduled it between the check and this call.
            if (await client.GetInstanceAsync(executionId, CancellationToken.None) is not null)
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>The orchestration's state, or null when the backend has none with that id.</summary>
    public static Task<OrchestrationMetadata?> FindAsync(
        DurableTaskClient client, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetInstanceAsync(executionId, cancellationToken);
    }

    /// <summary>Ends the orchestration if it is still running; false when there was none to end.</summary>
    public static async Task<bool> TerminateAsync(
        DurableTaskClient client, string executionId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(executionId, cancellationToken);
        if (instance is null || !IsRunning(instance.RuntimeStatus))
        {
            return false;
        }

        await client.TerminateInstanceAsync(executionId, reason, cancellationToken);
        return true;
    }

    /// <summary>Removes a finished orchestration's state from the backend.</summary>
    public static async Task PurgeAsync(
        DurableTaskClient client, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.PurgeInstanceAsync(executionId, cancellationToken);
    }

    private static bool IsRunning(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running
            or OrchestrationRuntimeStatus.Suspended;
}
