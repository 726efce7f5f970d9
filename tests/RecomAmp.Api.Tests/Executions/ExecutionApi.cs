using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>Calls of the execution routes as the single-page app makes them.</summary>
internal static class ExecutionApi
{
    public static readonly string[] Terminal = ["SUCCEEDED", "FAILED", "CANCELLED", "REJECTED"];

    /// <summary>A time window with Sandbox data, which covers the 13 months before the Sandbox started.</summary>
    public static string WindowStart { get; } = DateTime.UtcNow.Date.AddDays(-90).ToString("yyyy-MM-dd");

    public static string WindowEnd { get; } = DateTime.UtcNow.Date.AddDays(-3).ToString("yyyy-MM-dd");

    /// <summary>
    /// Signs a user in and gives them a runnable instance and a workflow on it with a time window that has
    /// data.
    /// </summary>
    public static async Task<(string Token, string WorkflowId)> RunnableWorkflowAsync(
        this DevHostFixture devHost, string email, string amcInstanceId, string sql)
    {
        var token = await devHost.SignInAsync(email);
        var instance = await devHost.Client.CreateRunnableInstanceAsync(token, amcInstanceId);
        var workflow = await devHost.Client.CreateWorkflowAsync(token, instance.Id(), "Workflow " + amcInstanceId,
            sql, new { start_date = WindowStart, end_date = WindowEnd });
        return (token, workflow.Id());
    }

    /// <summary>The saved AMC workflow made for an execution.</summary>
    public static string AmcWorkflowId(JsonNode execution) => "recomamp-" + execution.Id();

    /// <summary>The execution's result file in DevHost's data folder (which may not exist).</summary>
    public static string ResultFile(DevHostFixture devHost, JsonNode execution)
    {
        var results = Path.Combine(devHost.DataPath, "results");
        return (Directory.Exists(results)
            ? Directory.EnumerateFiles(results, execution.Id() + ".csv", SearchOption.AllDirectories)
                .SingleOrDefault()
            : null) ?? Path.Combine(results, "none", execution.Id() + ".csv");
    }

    public static async Task<JsonArray> ListExecutionsAsync(
        this HttpClient client, string token, string workflowId, string query = "")
    {
        var (response, body) = await client.SendJsonAsync(
            HttpMethod.Get, $"/api/workflows/{workflowId}/executions{query}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body!["data"]!.AsArray();
    }

    public static async Task<string> GetCsvAsync(this HttpClient client, string token, string path)
    {
        using var request = ApiClientExtensions.Request(HttpMethod.Get, path, token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// How long a wait may last before the test gives up. It guards against hangs, not a speed promise: on a
    /// loaded 2-core machine the first run of a test class also pays for building the Sandbox's data.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < HangGuard, "The condition did not come true in time.");
            await Task.Delay(25);
        }
    }

    /// <summary>An instance with an AMC account, so that workflows on it can run.</summary>
    public static async Task<JsonNode> CreateRunnableInstanceAsync(
        this HttpClient client, string token, string amcInstanceId)
    {
        var (response, body) = await client.SendJsonAsync(HttpMethod.Post, "/api/instances/", token, new
        {
            instance_id = amcInstanceId,
            name = "Instance " + amcInstanceId,
            region = "us-east-1",
            amc_accounts = new { account_id = SandboxAmcServer.AccountId, account_name = "Test advertiser" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body?.ToJsonString());
        return body!;
    }

    public static async Task<JsonNode> ExecuteAsync(
        this HttpClient client, string token, string workflowId, object? parameters = null)
    {
        var (response, body) = await client.SendJsonAsync(
            HttpMethod.Post,
            $"/api/workflows/{workflowId}/execute",
            token,
            new { parameters = parameters ?? new { } });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body?.ToJsonString());
        return body!;
    }

    public static async Task<JsonNode> GetExecutionAsync(this HttpClient client, string token, string executionId)
    {
        var (response, body) = await client.SendJsonAsync(HttpMethod.Get, $"/api/executions/{executionId}", token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body?.ToJsonString());
        return body!;
    }

    /// <summary>Reads the execution until its status is one of <paramref name="statuses"/>.</summary>
    public static async Task<JsonNode> WaitForStatusAsync(
        Func<HttpClient> client, string token, string executionId, IReadOnlyCollection<string>? statuses = null,
        TimeSpan? timeout = null)
    {
        statuses ??= Terminal;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var execution = await client().GetExecutionAsync(token, executionId);
            if (statuses.Contains(execution["status"]!.GetValue<string>()))
            {
                return execution;
            }

            Assert.True(
                watch.Elapsed < (timeout ?? HangGuard),
                $"Execution {executionId} is still {execution.ToJsonString()}");
            await Task.Delay(25);
        }
    }

    public static Task<JsonNode> WaitForStatusAsync(
        this HttpClient client, string token, string executionId, params string[] statuses) =>
        WaitForStatusAsync(() => client, token, executionId, statuses.Length == 0 ? null : statuses);
}
