using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Reads an execution's status at AMC and notes it on the record. When the record was cancelled or deleted
/// meanwhile, it cancels the execution at AMC instead and asks the orchestration to stop.
/// </summary>
public sealed class ReadAmcStatusActivity(
    ExecutionRecords records,
    AmcReportingClient amc,
    TimeProvider timeProvider,
    ILogger<ReadAmcStatusActivity> logger)
    : TaskActivity<AmcExecutionReference, AmcStatusReport>
{
    public override async Task<AmcStatusReport> RunAsync(
        TaskActivityContext context, AmcExecutionReference input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var stored = await records.FindAsync(input.UserId, input.ExecutionId, cancellationToken);
        if (stored is null || !ExecutionStatus.IsActive(stored.Document.Status))
        {
            await AmcCancellation.CancelAsync(amc, input.Target, input.AmcExecutionId, cancellationToken);
            return AmcStatusReport.Stop;
        }

        var execution = await amc.GetExecutionAsync(input.Target, input.AmcExecutionId, cancellationToken);
        ExecutionsLog.AmcStatusRead(logger, input.AmcExecutionId, execution.Status);
        if (execution.Status != stored.Document.AmcStatus)
        {
            await records.UpdateAsync(input.UserId, input.ExecutionId, current =>
                ExecutionStatus.IsActive(current.Status)
                    ? current with { AmcStatus = execution.Status, UpdatedAt = timeProvider.GetUtcNow() }
                    : null,
                cancellationToken);
        }

        return new AmcStatusReport(
            StopRequested: false,
            execution.Status,
            Reason(execution),
            execution.StartTime,
            execution.EndTime,
            execution.OutputColumns);
    }

    private static string? Reason(AmcExecution execution)
    {
        var parts = new[] { execution.StatusReason, execution.Message }
            .Where(part => !string.IsNullOrWhiteSpace(part))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return parts.Count == 0 ? null : string.Join(": ", parts);
    }
}
