using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Submits an execution to AMC exactly once, however often it is retried or replayed: it saves an AMC
/// workflow whose id is derived from the execution id, reuses an AMC execution of that workflow if an earlier
/// attempt created one, and only otherwise creates one. Then it records AMC's execution id and marks the
/// execution RUNNING.
/// </summary>
public sealed class SubmitExecutionActivity(
    ExecutionRecords records,
    AmcReportingClient amc,
    TimeProvider timeProvider,
    ILogger<SubmitExecutionActivity> logger)
    : TaskActivity<SubmitExecutionInput, ExecutionProgress>
{
    public override async Task<ExecutionProgress> RunAsync(
        TaskActivityContext context, SubmitExecutionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var stored = await records.FindAsync(input.UserId, input.ExecutionId, cancellationToken);
        if (stored is null)
        {
            return ExecutionProgress.Stop(ExecutionProgress.Deleted);
        }

        var execution = stored.Document;
        if (!ExecutionStatus.IsActive(execution.Status) || execution.AmcExecutionId is not null)
        {
            return ExecutionProgress.Of(execution);
        }

        var sql = execution.RenderedSql
            ?? throw new InvalidOperationException("The execution's SQL has not been rendered.");
        var target = execution.AmcTarget();
        var amcWorkflowId = AmcWorkflowIds.For(execution.Id);
        await amc.UpsertWorkflowAsync(target, new AmcSavedWorkflow(amcWorkflowId, sql, []), cancellationToken);

        // An earlier attempt may have created the AMC execution and failed before recording it.
        var earlier = await amc.ListExecutionsAsync(target, amcWorkflowId, cancellationToken);
        AmcExecution submitted;
        if (earlier.Count > 0)
        {
            submitted = earlier.OrderByDescending(e => e.CreateTime ?? DateTimeOffset.MinValue).First();
            ExecutionsLog.SubmissionReused(logger, execution.Id, submitted.WorkflowExecutionId);
        }
        else
        {
            var request = new AmcExecutionRequest(
                amcWorkflowId,
                execution.TimeWindowStart,
                execution.TimeWindowEnd,
                execution.TimeWindowTimezone,
                ParameterValues: null,
                TimeoutSeconds: input.TimeoutSeconds);
            submitted = await amc.CreateExecutionAsync(target, request, cancellationToken);
            ExecutionsLog.Submitted(logger, execution.Id, target.AmcInstanceId, submitted.WorkflowExecutionId);
        }

        var now = timeProvider.GetUtcNow();
        var change = await records.UpdateAsync(input.UserId, input.ExecutionId, current =>
            ExecutionStatus.IsActive(current.Status) && current.AmcExecutionId is null
                ? current with
                {
                    Status = ExecutionStatus.Running,
                    AmcWorkflowId = amcWorkflowId,
                    AmcExecutionId = submitted.WorkflowExecutionId,
                    AmcStatus = submitted.Status,
                    StartedAt = now,
                    UpdatedAt = now,
                }
                : null,
            cancellationToken);

        if (change is null || !ExecutionStatus.IsActive(change.After.Status))
        {
            // Cancelled or deleted while this was submitting, so nobody else knows the AMC execution exists.
            await AmcCancellation.CancelAsync(amc, target, submitted.WorkflowExecutionId, cancellationToken);
            ExecutionsLog.SubmittedAfterCancel(logger, input.ExecutionId, submitted.WorkflowExecutionId);
            return ExecutionProgress.Stop(change?.After.Status ?? ExecutionProgress.Deleted);
        }

        return ExecutionProgress.Of(change.After);
    }
}
