using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>Calls of the execution routes as the single-page app makes them.</summary>
internal static class ExecutionApi
{
    public static readonly string[] Terminal = ["SUCCEEDED", "FAILED", "CANCELLED", "REJECTED"];

    /// <summary>An instance with an AMC account, so that workflows on it can run.</summary>
    public static async Task<JsonNode> CreateRunnableInstanceAsync(
        this HttpClient client, string token, string amcInstanceId)
    {
        var (response, body) = await client.SendJsonAsync(HttpMethod.Post, "/api/instances/", token, new
        {
            instance_id = amcInstanceId,
            name = "Instance " + amcInstanceId,
            region = "us-east-1",
            amc_accounts = new { account_id = "ENTITY1TEST", account_name = "Test advertiser" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body?.ToJsonString());
        return body!;
    }

    public static async Task<JsonNode> ExecuteAsync(
        this HttpClient client, string token, string workflowId, object? parameters = null)
    {
        var (response, body) = await client.SendJsonAsync(
            HttpMethod.Post, $"/api/workflows/{workflowId}/execute", token, new { parameters = parameters ?? new { } });
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
                watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)),
                $"Execution {executionId} is still {execution.ToJsonString()}");
            await Task.Delay(25);
        }
    }

    public static Task<JsonNode> WaitForStatusAsync(
        this HttpClient client, string token, string executionId, params string[] statuses) =>
        WaitForStatusAsync(() => client, token, executionId, statuses.Length == 0 ? null : statuses);
}
