using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Api.Tests.Executions;

public sealed class ExecutionApiTests(ExecutionFixture devHost) : IClassFixture<ExecutionFixture>
{
    private const string Sql =
        "SELECT campaign_id, impressions FROM dsp_impressions WHERE event_date >= '{{start_date}}'";

    private HttpClient Client => devHost.Client;

    private FakeAmcServer Amc => devHost.Amc;

    [Fact]
    public async Task Execute_HappyPath_SucceedsWithResultsAsJsonAndCsv()
    {
        var token = await devHost.SignInAsync("runner@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amcrunner01");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Daily", Sql,
            new { start_date = "2024-01-01", end_date = "2024-01-31" });

        var accepted = await Client.ExecuteAsync(token, workflow.Id());
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        var (jsonResponse, json) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", token);
        using var csvRequest = ApiClientExtensions.Request(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results?format=csv", token);
        using var csvResponse = await Client.SendAsync(csvRequest);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        var (_, reread) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/workflows/{workflow.Id()}", token);

        Assert.Equal("PENDING", accepted["status"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(3, finished["result_rows"]!.GetValue<long>());
        Assert.Equal(42, finished["execution_duration"]!.GetValue<long>());
        Assert.Equal("2024-01-01T00:00:00", finished["time_window_start"]!.GetValue<string>());
        Assert.Equal("2024-02-01T00:00:00", finished["time_window_end"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        var rows = json!["data"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal("O'Brien, Inc", rows[0]!["campaign_name"]!.GetValue<string>());
        Assert.Equal(100, rows[0]!["impressions"]!.GetValue<int>());
        Assert.Equal(1.5m, rows[0]!["spend"]!.GetValue<decimal>());
        Assert.Equal("c3", rows[2]!["campaign_id"]!.GetValue<string>());
        Assert.Equal(
            ["campaign_id", "campaign_name", "impressions", "spend"],
            rows[0]!.AsObject().Select(property => property.Key));
        Assert.Equal(3, json["metadata"]!["total_rows"]!.GetValue<long>());
        Assert.Contains(">= '2024-01-01'", json["metadata"]!["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"execution-{accepted.Id()}.csv", csvResponse.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(
            "campaign_id,campaign_name,impressions,spend\r\nc1,\"O'Brien, Inc\",100,1.50\r\nc2,Plain,200,2.25\r\n"
            + "c3,\"Quote \"\"here\"\"\",300,3.00\r\n",
            csv);
        Assert.NotNull(reread!["last_executed_at"]);
    }

    [Fact]
    public async Task Execute_AmcThrottlesTheSubmission_RetriesAndSubmitsOnce()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("throttled@example.com", "amcthrottle1");
        Amc.FailNext("CreateExecution", 429);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Single(Amc.Executions, e => e.WorkflowId == AmcWorkflowId(accepted));
    }

    [Fact]
    public async Task Execute_BurstOfAmcFaultsWhileWaiting_KeepsWaitingAndSucceeds()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("bursty@example.com", "amcbursty01");
        Amc.FailNext("GetExecution", 500, count: 6);
        Amc.FailNext("GetDownloadUrls", 503, count: 2);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(3, finished["result_rows"]!.GetValue<long>());
    }

    [Fact]
    public async Task Execute_AmcSaysTheTokenExpired_RefreshesItAndGoesOn()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("expiring@example.com", "amcexpiry01");
        Amc.FailNext("GetExecution", 401);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        var reads = Amc.Calls.Where(call => call.Operation == "GetExecution"
            && call.Path.EndsWith(finished["amc_execution_id"]!.GetValue<string>(), StringComparison.Ordinal)).ToList();
        Assert.NotEqual(reads[0].Authorization, reads[1].Authorization);
    }

    [Theory]
    [InlineData("REJECTED", "Too many workflows with the same or overlapping time windows")]
    [InlineData("FAILED", "Query failed: division by zero")]
    public async Task Execute_AmcEndsItUnsuccessfully_RecordsTheStatusAndReason(string status, string reason)
    {
        var (token, workflowId) = await RunnableWorkflowAsync($"{status.ToLowerInvariant()}@example.com",
            "amc" + status.ToLowerInvariant() + "01");
        Amc.EndNextExecutions(status, reason);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        var (resultsResponse, results) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", token);

        Assert.Equal(status, finished["status"]!.GetValue<string>());
        Assert.Contains(reason, finished["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(finished["completed_at"]);
        Assert.Equal(HttpStatusCode.Conflict, resultsResponse.StatusCode);
        Assert.Contains(status, results!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_DownloadLinksExpire_AsksForNewLinksAndStoresTheResult()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("expired@example.com", "amcexpired1");
        Amc.ExpireNextDownloads(2);
        var before = Amc.CallCount("GetDownloadUrls");

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(3, finished["result_rows"]!.GetValue<long>());
        Assert.Equal(before + 2, Amc.CallCount("GetDownloadUrls"));
    }

    [Fact]
    public async Task Execute_AmcAcceptsButTheAnswerIsLost_SubmitsExactlyOnce()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("lost@example.com", "amclostans1");
        Amc.FailAfterNext("CreateExecution", 502);
        var before = Amc.CallCount("CreateExecution");

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(before + 1, Amc.CallCount("CreateExecution"));
        var submitted = Assert.Single(Amc.Executions, e => e.WorkflowId == AmcWorkflowId(accepted));
        Assert.Equal(submitted.Id, finished["amc_execution_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_RunningExecution_CancelsItAtAmcAndEndsTheOrchestration()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("canceller@example.com", "amccancel01");
        Amc.HoldExecutions = true;
        try
        {
            var accepted = await Client.ExecuteAsync(token, workflowId);
            var running = await Client.WaitForStatusAsync(token, accepted.Id(), "RUNNING");
            await WaitUntilAsync(() => Amc.Executions.Any(
                e => e.WorkflowId == AmcWorkflowId(accepted) && e.Status == "RUNNING"));

            var (cancelResponse, cancelled) = await Client.SendJsonAsync(
                HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
            var reread = await Client.GetExecutionAsync(token, accepted.Id());
            var orchestration = await DurableClient.WaitForInstanceCompletionAsync(accepted.Id());
            var (deleteResponse, _) = await Client.SendJsonAsync(
                HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
            var (gone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{accepted.Id()}", token);

            Assert.Equal(HttpStatusCode.OK, cancelResponse.StatusCode);
            Assert.Equal("CANCELLED", cancelled!["status"]!.GetValue<string>());
            Assert.Equal("CANCELLED", reread["status"]!.GetValue<string>());
            var atAmc = Amc.Executions.Single(e => e.Id == running["amc_execution_id"]!.GetValue<string>());
            Assert.Equal("CANCELLED", atAmc.Status);
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, orchestration.RuntimeStatus);
            Assert.Equal(HttpStatusCode.NoContent, deleteResponse.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        finally
        {
            Amc.HoldExecutions = false;
        }
    }

    [Fact]
    public async Task Delete_FinishedExecution_DeletesItAndItsResult()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("tidy@example.com", "amctidy0001");
        var accepted = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, accepted.Id());
        var resultFile = ResultFile(devHost, accepted);
        var existedBefore = File.Exists(resultFile);

        var (response, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
        var (gone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{accepted.Id()}", token);

        Assert.True(existedBefore);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(File.Exists(resultFile));
    }

    [Fact]
    public async Task DeleteWorkflow_WithRunningAndFinishedExecutions_CancelsAndDeletesThem()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("cascade@example.com", "amccascade1");
        var finished = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, finished.Id());
        Amc.HoldExecutions = true;
        JsonNode running;
        try
        {
            running = await Client.ExecuteAsync(token, workflowId);
            running = await Client.WaitForStatusAsync(token, running.Id(), "RUNNING");
        }
        finally
        {
            Amc.HoldExecutions = false;
        }

        var (deleteResponse, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"/api/workflows/{workflowId}", token);
        var (finishedGone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{finished.Id()}", token);
        var (runningGone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{running.Id()}", token);

        Assert.Equal(HttpStatusCode.NoContent, deleteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, finishedGone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, runningGone.StatusCode);
        Assert.False(File.Exists(ResultFile(devHost, finished)));
        var atAmc = Amc.Executions.Single(e => e.Id == running["amc_execution_id"]!.GetValue<string>());
        Assert.Equal("CANCELLED", atAmc.Status);
    }

    [Fact]
    public async Task Execute_WithoutTimeWindow_Returns400NamingStartAndEndDate()
    {
        var token = await devHost.SignInAsync("windowless@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amcwindow01");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "No window", "SELECT 1 AS one");

        var (response, body) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflow.Id()}/execute", token, new { parameters = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["parameters.start_date"]);
        Assert.NotNull(body["errors"]!["parameters.end_date"]);
        Assert.Empty(await ListAsync(token, workflow.Id(), string.Empty));
    }

    [Fact]
    public async Task Execute_MissingParameterOrBadDate_Returns400NamingEach()
    {
        var token = await devHost.SignInAsync("missing@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amcmissing1");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Needs more",
            "SELECT {{limit}} AS a FROM t WHERE d >= '{{start_date}}'", new { end_date = "2024-01-31" });

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post,
            $"/api/workflows/{workflow.Id()}/execute", token, new { parameters = new { start_date = "January" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["parameters.limit"]);
        Assert.NotNull(body["errors"]!["parameters.start_date"]);
    }

    [Fact]
    public async Task Execute_InstanceWithoutAmcAccount_Returns422()
    {
        var token = await devHost.SignInAsync("accountless@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amcnoacct01");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Nowhere to run", Sql,
            new { start_date = "2024-01-01", end_date = "2024-01-31" });

        var (response, _) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflow.Id()}/execute", token, new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Executions_OfAnotherUser_AreNotFound()
    {
        var (owner, workflowId) = await RunnableWorkflowAsync("owner@example.com", "amcowner001");
        var accepted = await Client.ExecuteAsync(owner, workflowId);
        await Client.WaitForStatusAsync(owner, accepted.Id());
        var stranger = await devHost.SignInAsync("stranger@example.com");

        var (get, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{accepted.Id()}", stranger);
        var (results, _) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", stranger);
        var (delete, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"/api/executions/{accepted.Id()}", stranger);
        var (list, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/workflows/{workflowId}/executions", stranger);
        var (execute, _) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflowId}/execute", stranger, new { });

        Assert.All([get, results, delete, list, execute], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("SUCCEEDED", (await Client.GetExecutionAsync(owner, accepted.Id()))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListExecutions_NewestFirst_FiltersByStatusWithTheSuccessAlias()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("lister@example.com", "amclister01");
        var first = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, first.Id());
        Amc.EndNextExecutions("FAILED", "Broken");
        var second = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, second.Id());

        var all = await ListAsync(token, workflowId, string.Empty);
        var succeeded = await ListAsync(token, workflowId, "?status=SUCCESS");
        var limited = await ListAsync(token, workflowId, "?limit=1");
        var (badStatus, badStatusBody) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions?status=DONE", token);
        var (badLimit, badLimitBody) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions?limit=501", token);

        Assert.Equal([second.Id(), first.Id()], all.Select(e => e!.Id()));
        Assert.Equal([first.Id()], succeeded.Select(e => e!.Id()));
        Assert.Equal([second.Id()], limited.Select(e => e!.Id()));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.NotNull(badStatusBody!["errors"]!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.NotNull(badLimitBody!["errors"]!["limit"]);
    }

    [Fact]
    public async Task Results_LimitAndFormat_AreHonouredAndChecked()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("limits@example.com", "amclimits01");
        var accepted = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, accepted.Id());
        var path = $"/api/executions/{accepted.Id()}/results";

        var (_, json) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=2", token);
        using var csvRequest = ApiClientExtensions.Request(HttpMethod.Get, path + "?format=csv&limit=1", token);
        using var csvResponse = await Client.SendAsync(csvRequest);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        var (badFormat, badFormatBody) = await Client.SendJsonAsync(HttpMethod.Get, path + "?format=xml", token);
        var (badLimit, badLimitBody) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=0", token);
        var (hugeJson, _) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=200000", token);
        var (notNumber, _) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=many", token);

        Assert.Equal(2, json!["data"]!.AsArray().Count);
        Assert.Equal(3, json["metadata"]!["total_rows"]!.GetValue<long>());
        Assert.Equal("campaign_id,campaign_name,impressions,spend\r\nc1,\"O'Brien, Inc\",100,1.50\r\n", csv);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.NotNull(badFormatBody!["errors"]!["format"]);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.NotNull(badLimitBody!["errors"]!["limit"]);
        Assert.Equal(HttpStatusCode.BadRequest, hugeJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
    }

    [Fact]
    public async Task Results_WhileRunning_Returns409()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("eager@example.com", "amceager001");
        Amc.HoldExecutions = true;
        try
        {
            var accepted = await Client.ExecuteAsync(token, workflowId);
            await Client.WaitForStatusAsync(token, accepted.Id(), "RUNNING");

            var (response, body) = await Client.SendJsonAsync(
                HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", token);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("RUNNING", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            await Client.SendJsonAsync(HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
        }
        finally
        {
            Amc.HoldExecutions = false;
        }
    }

    [Fact]
    public async Task Execute_UsesTheUsersTimeZoneAndEndDateThroughTheEndOfTheDay()
    {
        var (token, workflowId) = await RunnableWorkflowAsync("zoned@example.com", "amczoned001");

        var accepted = await Client.ExecuteAsync(token, workflowId, new
        {
            start_date = "2024-03-01T06:30:00",
            end_date = "2024-03-02T12:00:00Z",
        });
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        var atAmc = Amc.Executions.Single(e => e.Id == finished["amc_execution_id"]!.GetValue<string>());
        Assert.Equal("2024-03-01T06:30:00", atAmc.TimeWindowStart);
        Assert.Equal("2024-03-02T12:00:00", atAmc.TimeWindowEnd);
        Assert.Equal("UTC", atAmc.TimeZone);
        Assert.Equal("UTC", finished["time_window_timezone"]!.GetValue<string>());
    }

    private DurableTaskClient DurableClient => devHost.Services.GetRequiredService<DurableTaskClient>();

    private async Task<(string Token, string WorkflowId)> RunnableWorkflowAsync(string email, string amcInstanceId)
    {
        var token = await devHost.SignInAsync(email);
        var instance = await Client.CreateRunnableInstanceAsync(token, amcInstanceId);
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Daily " + amcInstanceId, Sql,
            new { start_date = "2024-01-01", end_date = "2024-01-31" });
        return (token, workflow.Id());
    }

    private async Task<JsonArray> ListAsync(string token, string workflowId, string query)
    {
        var (response, body) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions{query}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body!["data"]!.AsArray();
    }

    private static string AmcWorkflowId(JsonNode execution) => "recomamp-" + execution.Id();

    private static string ResultFile(DevHostFixture devHost, JsonNode execution) =>
        Directory.EnumerateFiles(Path.Combine(devHost.DataPath, "results"), execution.Id() + ".csv",
            SearchOption.AllDirectories).SingleOrDefault()
        ?? Path.Combine(devHost.DataPath, "results", "missing", execution.Id() + ".csv");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "The condition did not come true in time.");
    }
}
