using System.Net;
using System.Text.Json.Nodes;

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
}
