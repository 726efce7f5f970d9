using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// What happens to an execution while AMC is still running it: cancel, results, its workflow's delete.
/// </summary>
public abstract class ExecutionLifecycleTests(SlowSandboxExecutionFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(SlowSandboxExecutionFixture devHost)
        : ExecutionLifecycleTests(devHost), IClassFixture<SlowSandboxExecutionFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(SlowCosmosSandboxExecutionFixture devHost)
        : ExecutionLifecycleTests(devHost), IClassFixture<SlowCosmosSandboxExecutionFixture>;

    private const string Sql =
        "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions GROUP BY 1";

    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task Delete_RunningExecution_CancelsItAtAmcAndEndsTheOrchestration()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "canceller@example.com", "amccancel01", Sql);
        var accepted = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, accepted.Id(), "RUNNING");

        var (cancelResponse, cancelled) = await Client.SendJsonAsync(
            HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
        var reread = await Client.GetExecutionAsync(token, accepted.Id());
        var orchestration = await DurableClient.WaitForInstanceCompletionAsync(accepted.Id());
        var atAmc = Assert.Single(
            await devHost.Sandbox.ListExecutionsAsync("amccancel01", ExecutionApi.AmcWorkflowId(accepted)));
        var (deleteResponse, _) = await Client.SendJsonAsync(
            HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
        var (gone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{accepted.Id()}", token);

        Assert.Equal(HttpStatusCode.OK, cancelResponse.StatusCode);
        Assert.Equal("CANCELLED", cancelled!["status"]!.GetValue<string>());
        Assert.Equal("CANCELLED", reread["status"]!.GetValue<string>());
        Assert.Equal("CANCELLED", atAmc!["status"]!.GetValue<string>());
        // Terminated by the delete, or ended by itself when its next status read saw the cancellation first.
        var ended = orchestration.RuntimeStatus;
        Assert.True(
            ended is OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Completed,
            $"The orchestration is {ended}.");
        Assert.Equal(HttpStatusCode.NoContent, deleteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Results_WhileRunning_Returns409()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "eager@example.com", "amceager001", Sql);
        var accepted = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, accepted.Id(), "RUNNING");

        var (response, body) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("RUNNING", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Client.SendJsonAsync(HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
    }

    [Fact]
    public async Task DeleteWorkflow_WithRunningAndFinishedExecutions_CancelsAndDeletesThem()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "cascade@example.com", "amccascade1", Sql);
        var finished = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, finished.Id());
        var hadResult = File.Exists(ExecutionApi.ResultFile(devHost, finished));
        JsonNode running = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, running.Id(), "RUNNING");

        var (deleteResponse, _) = await Client.SendJsonAsync(
            HttpMethod.Delete, $"/api/workflows/{workflowId}", token);
        var (finishedGone, _) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{finished.Id()}", token);
        var (runningGone, _) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{running.Id()}", token);
        var atAmc = Assert.Single(
            await devHost.Sandbox.ListExecutionsAsync("amccascade1", ExecutionApi.AmcWorkflowId(running)));

        Assert.True(hadResult);
        Assert.Equal(HttpStatusCode.NoContent, deleteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, finishedGone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, runningGone.StatusCode);
        Assert.False(File.Exists(ExecutionApi.ResultFile(devHost, finished)));
        Assert.Equal("CANCELLED", atAmc!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteInstance_WithARunningExecution_CancelsItAtAmcAndDeletesIt()
    {
        var token = await devHost.SignInAsync("dismantler@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amcdismantle1");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Goes with its instance", Sql,
            new { start_date = ExecutionApi.WindowStart, end_date = ExecutionApi.WindowEnd });
        var running = await Client.ExecuteAsync(token, workflow.Id());
        await Client.WaitForStatusAsync(token, running.Id(), "RUNNING");

        var (deleteResponse, _) = await Client.SendJsonAsync(
            HttpMethod.Delete, $"/api/instances/{instance.Id()}", token);
        var (gone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{running.Id()}", token);
        var atAmc = Assert.Single(
            await devHost.Sandbox.ListExecutionsAsync("amcdismantle1", ExecutionApi.AmcWorkflowId(running)));

        Assert.Equal(HttpStatusCode.NoContent, deleteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("CANCELLED", atAmc!["status"]!.GetValue<string>());
    }

    private DurableTaskClient DurableClient => devHost.Services.GetRequiredService<DurableTaskClient>();
}
