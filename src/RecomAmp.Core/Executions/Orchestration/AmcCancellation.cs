using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>Cancels an execution at AMC, where that is still possible.</summary>
internal static class AmcCancellation
{
    /// <summary>
    /// Asks AMC to cancel; AMC refusing because the execution has already finished (or is unknown) counts as
    /// done. Throttling and AMC's faults are left to the caller's retries.
    /// </summary>
    /// <returns>False when AMC refused the cancellation.</returns>
    public static async Task<bool> CancelAsync(
        AmcReportingClient amc, AmcTarget target, string amcExecutionId, CancellationToken cancellationToken)
    {
        try
        {
            await amc.CancelExecutionAsync(target, amcExecutionId, cancellationToken);
            return true;
        }
        catch (AmcRequestException)
        {
            return false;
        }
    }
}
