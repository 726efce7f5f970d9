using Microsoft.DurableTask;
using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>Cancels an execution at AMC (used when it ran past its timeout).</summary>
public sealed class CancelAmcExecutionActivity(AmcReportingClient amc)
    : TaskActivity<AmcExecutionReference, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, AmcExecutionReference input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AmcCancellation.CancelAsync(amc, input.Target, input.AmcExecutionId, CancellationToken.None);
    }
}
