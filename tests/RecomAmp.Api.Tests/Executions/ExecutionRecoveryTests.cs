using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>An execution outlives a DevHost restart, whose in-memory durable backend forgets it.</summary>
public sealed class ExecutionRecoveryTests(ExecutionFixture devHost) : IClassFixture<ExecutionFixture>
{
    [Fact]
    public async Task Restart_WhileRunning_ResumesAndFinishesWithoutSubmittingAgain()
    {
        var token = await devHost.SignInAsync("restarter@example.com");
        var instance = await devHost.Client.CreateRunnableInstanceAsync(token, "amcrestart1");
        var workflow = await devHost.Client.CreateWorkflowAsync(token, instance.Id(), "Survives restarts",
            "SELECT 1 AS one", new { start_date = "2024-01-01", end_date = "2024-01-07" });
        devHost.Amc.HoldExecutions = true;
        var accepted = await devHost.Client.ExecuteAsync(token, workflow.Id());
        var running = await devHost.Client.WaitForStatusAsync(token, accepted.Id(), "RUNNING");
        var amcExecutionId = running["amc_execution_id"]!.GetValue<string>();

        await devHost.RestartAsync();
        devHost.Amc.Release(amcExecutionId);
        var finished = await ExecutionApi.WaitForStatusAsync(() => devHost.Client, token, accepted.Id());
        var client = devHost.Services.GetRequiredService<DurableTaskClient>();
        var orchestration = await client.GetInstanceAsync(accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(amcExecutionId, finished["amc_execution_id"]!.GetValue<string>());
        Assert.Single(devHost.Amc.Executions, e => e.WorkflowId == "recomamp-" + accepted.Id());
        Assert.Equal(1, devHost.Amc.CallCount("CreateExecution"));
        Assert.NotNull(orchestration);
    }
}
