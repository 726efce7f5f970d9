using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecomAmp.Sandbox.Amc;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>Workflows run end to end on the Sandbox's AMC, through the API as the single-page app calls it.
/// </summary>
public abstract class ExecutionApiTests(SandboxExecutionFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(SandboxExecutionFixture devHost)
        : ExecutionApiTests(devHost), IClassFixture<SandboxExecutionFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(CosmosSandboxExecutionFixture devHost)
        : ExecutionApiTests(devHost), IClassFixture<CosmosSandboxExecutionFixture>;

    /// <summary>Daily rows per campaign: over a hundred rows, so AMC splits them over several files.</summary>
    private const string DailySql =
        "SELECT impression_date_utc AS activity_date, campaign_id_string, campaign, "
        + "COUNT(DISTINCT user_id) AS reach, SUM(impressions) AS impressions "
        + "FROM dsp_impressions WHERE impression_date_utc >= CAST('{{start_date}}' AS DATE) GROUP BY 1, 2, 3";

    private const string SmallSql =
        "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions GROUP BY 1";

    private HttpClient Client => devHost.Client;

    private AmcFaultInjection Faults => devHost.Sandbox.Faults;

    [Fact]
    public async Task Execute_HappyPath_SucceedsWithTheSameResultsAsJsonAndCsv()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "runner@example.com", "amcrunner01", DailySql);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        var (jsonResponse, json) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", token);
        var csv = await Client.GetCsvAsync(token, $"/api/executions/{accepted.Id()}/results?format=csv");
        var (_, workflow) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/workflows/{workflowId}", token);

        Assert.Equal("PENDING", accepted["status"]!.GetValue<string>());
        Assert.Null(accepted["amc_execution_id"]);
        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(ExecutionApi.WindowStart + "T00:00:00", finished["time_window_start"]!.GetValue<string>());
        var dayAfterEnd = DateOnly.Parse(ExecutionApi.WindowEnd, CultureInfo.InvariantCulture).AddDays(1);
        Assert.Equal(
            dayAfterEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
            finished["time_window_end"]!.GetValue<string>());
        Assert.NotNull(finished["started_at"]);
        Assert.NotNull(finished["completed_at"]);
        Assert.True(finished["result_size_bytes"]!.GetValue<long>() > 0);
        var rowCount = finished["result_rows"]!.GetValue<long>();
        Assert.True(rowCount > 100, $"Only {rowCount} rows: the result did not span several AMC files.");

        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        var rows = json!["data"]!.AsArray();
        Assert.Equal(rowCount, rows.Count);
        Assert.Equal(
            ["activity_date", "campaign_id_string", "campaign", "reach", "impressions"],
            rows[0]!.AsObject().Select(property => property.Key));
        Assert.All(rows, row => Assert.Equal(JsonValueKind.Number, row!["reach"]!.GetValueKind()));
        Assert.All(rows, row => Assert.Equal(JsonValueKind.String, row!["campaign"]!.GetValueKind()));
        Assert.Equal(rowCount, json["metadata"]!["total_rows"]!.GetValue<long>());
        var query = json["metadata"]!["query"]!.GetValue<string>();
        Assert.Contains(ExecutionApi.WindowStart, query, StringComparison.Ordinal);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("activity_date,campaign_id_string,campaign,reach,impressions", lines[0]);
        Assert.Equal(rowCount + 1, lines.Length);
        Assert.NotNull(workflow!["last_executed_at"]);
    }

    [Fact]
    public async Task Execute_AmcThrottlesTheSubmission_RetriesAndSubmitsOnce()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "throttled@example.com", "amcthrottle1", SmallSql);
        Faults.FailNext(AmcOperation.CreateExecution, 429);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        var atAmc = await devHost.Sandbox.ListExecutionsAsync(
            "amcthrottle1", ExecutionApi.AmcWorkflowId(accepted));
        Assert.Single(atAmc);
    }

    [Fact]
    public async Task Execute_BurstOfAmcFaults_KeepsGoingAndSucceeds()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "bursty@example.com", "amcbursty01", SmallSql);
        Faults.FailNext(AmcOperation.GetExecution, 500, count: 6);
        Faults.FailNext(AmcOperation.GetDownloadUrls, 503, count: 2);
        Faults.FailNext(AmcOperation.Download, 500, count: 1);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.True(finished["result_rows"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("REJECTED", "Too many workflows with the same or overlapping time windows")]
    [InlineData("FAILED", "Query ran out of resources")]
    public async Task Execute_AmcEndsItUnsuccessfully_RecordsTheStatusAndReason(string status, string reason)
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            
            $"{status.ToLowerInvariant()}@example.com", "amc" + status.ToLowerInvariant() + "01", SmallSql);
        Faults.EndNextExecutions(Enum.Parse<AmcExecutionStatus>(status, ignoreCase: true), reason: reason);

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
    public async Task Execute_SqlAmcCannotCompile_FailsWithAmcsReason()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            
            "typo@example.com", "amctypo0001", "SELECT no_such_column FROM dsp_impressions");

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("FAILED", finished["status"]!.GetValue<string>());
        var reason = finished["error_message"]!.GetValue<string>();
        Assert.Contains("no_such_column", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_FinishedExecution_DeletesItAndItsResult()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "tidy@example.com", "amctidy0001", SmallSql);
        var accepted = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, accepted.Id());
        var resultFile = ExecutionApi.ResultFile(devHost, accepted);
        var existedBefore = File.Exists(resultFile);

        var (response, _) = await Client.SendJsonAsync(
            HttpMethod.Delete, $"/api/executions/{accepted.Id()}", token);
        var (gone, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{accepted.Id()}", token);

        Assert.True(existedBefore);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(File.Exists(resultFile));
    }

    [Fact]
    public async Task Execute_WithoutTimeWindow_Returns400NamingStartAndEndDate()
    {
        var token = await devHost.SignInAsync("windowless@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amcwindow01");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "No window", SmallSql);

        var (response, body) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflow.Id()}/execute", token, new { parameters = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["parameters.start_date"]);
        Assert.NotNull(body["errors"]!["parameters.end_date"]);
        Assert.Empty(await Client.ListExecutionsAsync(token, workflow.Id()));
    }

    [Fact]
    public async Task Execute_MissingParameterOrBadDate_Returns400NamingEach()
    {
        var token = await devHost.SignInAsync("missing@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amcmissing1");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Needs more",
            "SELECT {{limit}} AS a FROM t WHERE d >= '{{start_date}}'", new { end_date = "2024-01-31" });

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post,
            $"/api/workflows/{workflow.Id()}/execute", token,
            new { parameters = new { start_date = "January" } });
        var (reversed, reversedBody) = await Client.SendJsonAsync(HttpMethod.Post,
            $"/api/workflows/{workflow.Id()}/execute", token,
            new { parameters = new { limit = 5, start_date = "2024-02-01" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["parameters.limit"]);
        Assert.NotNull(body["errors"]!["parameters.start_date"]);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.NotNull(reversedBody!["errors"]!["parameters.end_date"]);
    }

    [Fact]
    public async Task Execute_InstanceWithoutAmcAccount_Returns422()
    {
        var token = await devHost.SignInAsync("accountless@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amcnoacct01");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Nowhere to run", SmallSql,
            new { start_date = ExecutionApi.WindowStart, end_date = ExecutionApi.WindowEnd });

        var (response, _) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflow.Id()}/execute", token, new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Executions_OfAnotherUser_AreNotFound()
    {
        var (owner, workflowId) = await devHost.RunnableWorkflowAsync(
            "owner@example.com", "amcowner001", SmallSql);
        var accepted = await Client.ExecuteAsync(owner, workflowId);
        await Client.WaitForStatusAsync(owner, accepted.Id());
        var stranger = await devHost.SignInAsync("stranger@example.com");

        var execution = $"/api/executions/{accepted.Id()}";
        var (get, _) = await Client.SendJsonAsync(HttpMethod.Get, execution, stranger);
        var (results, _) = await Client.SendJsonAsync(HttpMethod.Get, execution + "/results", stranger);
        var (delete, _) = await Client.SendJsonAsync(HttpMethod.Delete, execution, stranger);
        var (list, _) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions", stranger);
        var (execute, _) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflowId}/execute", stranger, new { });
        var untouched = await Client.GetExecutionAsync(owner, accepted.Id());

        Assert.All(
            [get, results, delete, list, execute], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("SUCCEEDED", untouched["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListExecutions_NewestFirst_FiltersByStatusWithTheSuccessAlias()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "lister@example.com", "amclister01", SmallSql);
        var first = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, first.Id());
        Faults.EndNextExecutions(AmcExecutionStatus.Failed, reason: "Broken");
        var second = await Client.ExecuteAsync(token, workflowId);
        await Client.WaitForStatusAsync(token, second.Id());

        var all = await Client.ListExecutionsAsync(token, workflowId);
        var succeeded = await Client.ListExecutionsAsync(token, workflowId, "?status=SUCCESS");
        var failed = await Client.ListExecutionsAsync(token, workflowId, "?status=failed");
        var limited = await Client.ListExecutionsAsync(token, workflowId, "?limit=1");
        var (badStatus, badStatusBody) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions?status=DONE", token);
        var (badLimit, badLimitBody) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions?limit=501", token);

        Assert.Equal([second.Id(), first.Id()], all.Select(e => e!.Id()));
        Assert.Equal([first.Id()], succeeded.Select(e => e!.Id()));
        Assert.Equal([second.Id()], failed.Select(e => e!.Id()));
        Assert.Equal([second.Id()], limited.Select(e => e!.Id()));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.NotNull(badStatusBody!["errors"]!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.NotNull(badLimitBody!["errors"]!["limit"]);
    }

    [Fact]
    public async Task Results_LimitAndFormat_AreHonouredAndChecked()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "limits@example.com", "amclimits01", DailySql);
        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        var path = $"/api/executions/{accepted.Id()}/results";

        var (_, json) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=2", token);
        var csv = await Client.GetCsvAsync(token, path + "?format=csv&limit=1");
        var (badFormat, badFormatBody) = await Client.SendJsonAsync(
            HttpMethod.Get, path + "?format=xml", token);
        var (badLimit, badLimitBody) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=0", token);
        var (hugeJson, _) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=200000", token);
        var (notNumber, _) = await Client.SendJsonAsync(HttpMethod.Get, path + "?limit=many", token);

        Assert.Equal(2, json!["data"]!.AsArray().Count);
        Assert.Equal(2, json["metadata"]!["returned_rows"]!.GetValue<long>());
        Assert.Equal(
            finished["result_rows"]!.GetValue<long>(), json["metadata"]!["total_rows"]!.GetValue<long>());
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.NotNull(badFormatBody!["errors"]!["format"]);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.NotNull(badLimitBody!["errors"]!["limit"]);
        Assert.Equal(HttpStatusCode.BadRequest, hugeJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
    }

    [Fact]
    public async Task Execute_LocalTimesAndOffsets_AreSentInTheUsersTimeZoneWithoutOffset()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "zoned@example.com", "amczoned001", SmallSql);

        var accepted = await Client.ExecuteAsync(token, workflowId, new
        {
            start_date = ExecutionApi.WindowStart + "T06:30:00",
            end_date = ExecutionApi.WindowEnd + "T12:00:00Z",
        });
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        var atAmc = Assert.Single(
            await devHost.Sandbox.ListExecutionsAsync("amczoned001", ExecutionApi.AmcWorkflowId(accepted)));

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(ExecutionApi.WindowStart + "T06:30:00", finished["time_window_start"]!.GetValue<string>());
        Assert.Equal(ExecutionApi.WindowEnd + "T12:00:00", finished["time_window_end"]!.GetValue<string>());
        Assert.Equal("UTC", finished["time_window_timezone"]!.GetValue<string>());
        Assert.Equal("UTC", atAmc!["timeWindowTimeZone"]!.GetValue<string>());
        Assert.StartsWith(ExecutionApi.WindowStart + "T06:30:00", atAmc["timeWindowStart"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }
}
