using Microsoft.DurableTask;
using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Deletes the saved AMC workflow made for a finished execution, so that an instance does not collect one
/// saved workflow per run.
/// </summary>
public sealed class DeleteAmcWorkflowActivity(AmcReportingClient amc)
    : TaskActivity<AmcExecutionReference, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, AmcExecutionReference input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await amc.DeleteWorkflowAsync(input.Target, input.AmcWorkflowId, CancellationToken.None);
        return true;
    }
}
