using Microsoft.DurableTask;
using RecomAmp.Core.Executions.Orchestration;

namespace RecomAmp.Core.Orchestration;

public static class DurableTaskRegistryExtensions
{
    /// <summary>
    /// Registers every orchestrator and activity of the product. The Functions app and DevHost's in-process
    /// durable backend both call this, so they run the same set.
    /// </summary>
    public static DurableTaskRegistry AddRecomAmpTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ExecutionOrchestrator>()
            .AddActivity<PrepareExecutionActivity>()
            .AddActivity<SubmitExecutionActivity>()
            .AddActivity<ReadAmcStatusActivity>()
            .AddActivity<DownloadResultsActivity>()
            .AddActivity<CompleteExecutionActivity>()
            .AddActivity<CancelAmcExecutionActivity>()
            .AddActivity<DeleteAmcWorkflowActivity>();
    }
}
