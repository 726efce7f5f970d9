using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Executions.Results;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Records how an execution ended: its status, result size, duration and error message. An execution that
/// was cancelled or deleted meanwhile keeps that fate, and a result stored for it is removed.
/// </summary>
public sealed class CompleteExecutionActivity(
    ExecutionRecords records,
    IResultStore results,
    TimeProvider timeProvider,
    ILogger<CompleteExecutionActivity> logger)
    : TaskActivity<ExecutionOutcome, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ExecutionOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var now = timeProvider.GetUtcNow();
        var change = await records.UpdateAsync(input.UserId, input.ExecutionId, current =>
            ExecutionStatus.IsActive(current.Status)
                ? current with
                {
                    Status = input.Status,
                    ErrorMessage = input.ErrorMessage,
                    AmcStatus = input.AmcStatus ?? current.AmcStatus,
                    ResultRows = input.ResultRows,
                    ResultSizeBytes = input.ResultSizeBytes,
                    OutputColumns = input.OutputColumns ?? current.OutputColumns,
                    ExecutionDuration = Duration(input, current, now),
                    CompletedAt = now,
                    UpdatedAt = now,
                }
                : null,
            cancellationToken);

        if (change is null || !change.Written)
        {
            if (input.Status == ExecutionStatus.Succeeded)
            {
                await results.DeleteAsync(input.UserId, input.ExecutionId, cancellationToken);
            }

            return change?.After.Status ?? ExecutionProgress.Deleted;
        }

        if (input.Status == ExecutionStatus.Succeeded)
        {
            ExecutionsLog.Completed(logger, input.ExecutionId, input.Status, input.ResultRows);
        }
        else
        {
            ExecutionsLog.Failed(logger, input.ExecutionId, input.ErrorMessage ?? input.Status);
        }

        return change.After.Status;
    }

    /// <summary>
    /// Whole seconds AMC ran the query when AMC says when it started and ended; otherwise the time from
    /// submission to now.
    /// </summary>
    private static long Duration(ExecutionOutcome outcome, Execution execution, DateTimeOffset now)
    {
        var span = outcome is { AmcStartTime: { } start, AmcEndTime: { } end } && end >= start
            ? end - start
            : now - (execution.StartedAt ?? execution.CreatedAt);
        return (long)Math.Round(Math.Max(0, span.TotalSeconds), MidpointRounding.AwayFromZero);
    }
}
