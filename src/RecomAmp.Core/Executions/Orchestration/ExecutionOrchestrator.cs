using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Runs one execution on AMC: renders its SQL, submits it once, waits with durable timers and back-off until
/// AMC reports a terminal status, downloads and stores the result of a SUCCEEDED run, and records the
/// outcome. Its instance id is the execution id. A resumed orchestration (same instance id, started again
/// after the backend lost it) picks up from what the record holds and never submits a second time.
/// </summary>
/// <remarks>
/// Deterministic, as orchestrators must be: time comes from the context, settings from the input, and every
/// read or write happens in an activity.
/// </remarks>
public sealed class ExecutionOrchestrator : TaskOrchestrator<ExecutionOrchestrationInput, string>
{
    public override async Task<string> RunAsync(
        TaskOrchestrationContext context, ExecutionOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<ExecutionOrchestrator>();
        var retry = ExecutionFailures.RetryOptions(input.Settings);
        var key = new ExecutionKey(input.UserId, input.ExecutionId);
        AmcExecutionReference? amc = null;
        try
        {
            context.SetCustomStatus(new ExecutionCustomStatus("PREPARING", null, 0));
            var progress = await context.CallActivityAsync<ExecutionProgress>(
                nameof(PrepareExecutionActivity), key, retry);
            if (!progress.Proceed)
            {
                return progress.Status;
            }

            if (progress.AmcExecutionId is null)
            {
                context.SetCustomStatus(new ExecutionCustomStatus("SUBMITTING", null, 0));
                var submit = new SubmitExecutionInput(
                    input.UserId, input.ExecutionId, input.Settings.TimeoutSeconds);
                progress = await context.CallActivityAsync<ExecutionProgress>(
                    nameof(SubmitExecutionActivity), submit, retry);
                if (!progress.Proceed)
                {
                    return progress.Status;
                }
            }
            else
            {
                ExecutionsLog.ResumedWaiting(logger, input.ExecutionId, progress.AmcExecutionId);
            }

            amc = new AmcExecutionReference(
                input.UserId,
                input.ExecutionId,
                progress.Target!,
                progress.AmcExecutionId!,
                progress.AmcWorkflowId!);
            var report = await WaitForAmcAsync(context, amc, progress, input.Settings, retry, logger);
            var status = await FinishAsync(context, amc, report, input.Settings, retry, logger);
            await CleanUpAsync(context, amc, retry, logger);
            return status;
        }
        catch (TaskFailedException ex)
        {
            var message = ExecutionFailures.Describe(ex.FailureDetails);
            ExecutionsLog.StepFailed(
                logger, input.ExecutionId, ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage);
            context.SetCustomStatus(new ExecutionCustomStatus("FAILED", null, 0));
            var status = await context.CallActivityAsync<string>(
                nameof(CompleteExecutionActivity),
                ExecutionOutcome.Failure(input.UserId, input.ExecutionId, message),
                retry);
            if (amc is not null)
            {
                // AMC may still be running what RecomAmp has given up on.
                await TryAsync(context, nameof(CancelAmcExecutionActivity), amc, retry);
                await CleanUpAsync(context, amc, retry, logger);
            }

            return status;
        }
    }

    /// <summary>
    /// Waits until AMC reports a terminal status, the record is cancelled or deleted, or the timeout passes
    /// (then the report has no status). Unknown statuses keep it waiting, as do status reads that fail
    /// transiently even after their retries.
    /// </summary>
    private static async Task<AmcStatusReport> WaitForAmcAsync(
        TaskOrchestrationContext context,
        AmcExecutionReference amc,
        ExecutionProgress progress,
        ExecutionRunSettings settings,
        TaskOptions retry,
        ILogger logger)
    {
        var startedAt = progress.StartedAt?.UtcDateTime ?? context.CurrentUtcDateTime;
        var deadline = startedAt.AddSeconds(settings.TimeoutSeconds);
        var delay = settings.PollInitialInterval;
        for (var reads = 1; ; reads++)
        {
            var now = context.CurrentUtcDateTime;
            if (now >= deadline)
            {
                return new AmcStatusReport(false, null, null, null, null, null);
            }

            var wait = deadline - now < delay ? deadline - now : delay;
            await context.CreateTimer(wait, CancellationToken.None);
            delay = Next(delay, settings);

            AmcStatusReport report;
            try
            {
                report = await context.CallActivityAsync<AmcStatusReport>(
                    nameof(ReadAmcStatusActivity), amc, retry);
            }
            catch (TaskFailedException ex) when (!ExecutionFailures.IsPermanent(ex.FailureDetails))
            {
                ExecutionsLog.StatusReadFailed(logger, amc.ExecutionId, ex.FailureDetails.ErrorMessage);
                continue;
            }

            if (report.StopRequested || AmcStatuses.IsTerminal(report.Status))
            {
                return report;
            }

            if (!AmcStatuses.IsInProgress(report.Status))
            {
                ExecutionsLog.UnknownAmcStatus(logger, amc.ExecutionId, report.Status ?? "(none)");
            }

            context.SetCustomStatus(new ExecutionCustomStatus("WAITING", report.Status, reads));
        }
    }

    private static async Task<string> FinishAsync(
        TaskOrchestrationContext context,
        AmcExecutionReference amc,
        AmcStatusReport report,
        ExecutionRunSettings settings,
        TaskOptions retry,
        ILogger logger)
    {
        if (report.StopRequested)
        {
            return ExecutionStatus.Cancelled;
        }

        ExecutionOutcome outcome;
        if (report.Status is null)
        {
            ExecutionsLog.TimedOut(logger, amc.ExecutionId, settings.TimeoutSeconds);
            await TryAsync(context, nameof(CancelAmcExecutionActivity), amc, retry);
            outcome = ExecutionOutcome.Failure(
                amc.UserId,
                amc.ExecutionId,
                $"Timed out: AMC did not finish the execution within {settings.TimeoutSeconds} seconds");
        }
        else if (report.Status == AmcStatuses.Succeeded)
        {
            context.SetCustomStatus(new ExecutionCustomStatus("DOWNLOADING", report.Status, 0));
            var download = new DownloadResultsInput(amc, report.OutputColumns, settings.DownloadLinkAttempts);
            var stored = await context.CallActivityAsync<Results.StoredResult>(
                nameof(DownloadResultsActivity), download, retry);
            outcome = new ExecutionOutcome(
                amc.UserId,
                amc.ExecutionId,
                ExecutionStatus.Succeeded,
                ErrorMessage: null,
                report.Status,
                stored.Rows,
                stored.SizeBytes,
                stored.Columns,
                report.StartTime,
                report.EndTime);
        }
        else
        {
            outcome = new ExecutionOutcome(
                amc.UserId,
                amc.ExecutionId,
                report.Status,
                report.Reason ?? $"AMC ended the execution as {report.Status}",
                report.Status,
                ResultRows: null,
                ResultSizeBytes: null,
                report.OutputColumns,
                report.StartTime,
                report.EndTime);
        }

        context.SetCustomStatus(new ExecutionCustomStatus("COMPLETING", report.Status, 0));
        return await context.CallActivityAsync<string>(nameof(CompleteExecutionActivity), outcome, retry);
    }

    private static async Task CleanUpAsync(
        TaskOrchestrationContext context, AmcExecutionReference amc, TaskOptions retry, ILogger logger)
    {
        if (!await TryAsync(context, nameof(DeleteAmcWorkflowActivity), amc, retry))
        {
            ExecutionsLog.AmcWorkflowCleanupFailed(logger, amc.ExecutionId, amc.AmcWorkflowId);
        }
    }

    /// <summary>Runs a best-effort activity: its failure does not change the execution's outcome.</summary>
    private static async Task<bool> TryAsync(
        TaskOrchestrationContext context, string activity, AmcExecutionReference amc, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<bool>(activity, amc, retry);
        }
        catch (TaskFailedException)
        {
            return false;
        }
    }

    private static TimeSpan Next(TimeSpan delay, ExecutionRunSettings settings)
    {
        var next = TimeSpan.FromTicks((long)(delay.Ticks * settings.PollBackoffFactor));
        return next < settings.PollMaxInterval ? next : settings.PollMaxInterval;
    }
}
