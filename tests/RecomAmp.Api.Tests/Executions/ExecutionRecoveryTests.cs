using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>An execution outlives a DevHost restart, whose in-memory durable backend forgets it.</summary>
public abstract class ExecutionRecoveryTests(SlowSandboxExecutionFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(SlowSandboxExecutionFixture devHost)
        : ExecutionRecoveryTests(devHost), IClassFixture<SlowSandboxExecutionFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(SlowCosmosSandboxExecutionFixture devHost)
        : ExecutionRecoveryTests(devHost), IClassFixture<SlowCosmosSandboxExecutionFixture>;

    [Fact]
    public async Task Restart_WhileRunning_ResumesAndFinishesWithoutSubmittingAgain()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync("restarter@example.com", "amcrestart1",
            "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions GROUP BY 1");
        var accepted = await devHost.Client.ExecuteAsync(token, workflowId);
        var running = await devHost.Client.WaitForStatusAsync(token, accepted.Id(), "RUNNING");

        await devHost.RestartAsync();
        var finished = await ExecutionApi.WaitForStatusAsync(() => devHost.Client, token, accepted.Id());
        var client = devHost.Services.GetRequiredService<DurableTaskClient>();
        var orchestration = await client.GetInstanceAsync(accepted.Id());
        var atAmc = await devHost.Sandbox.ListExecutionsAsync(
            "amcrestart1", ExecutionApi.AmcWorkflowId(accepted));

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.True(finished["result_rows"]!.GetValue<long>() > 0);
        Assert.Equal(
            running["amc_execution_id"]!.GetValue<string>(), finished["amc_execution_id"]!.GetValue<string>());
        Assert.Single(atAmc);
        Assert.NotNull(orchestration);
    }
}
