using System.Net;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// Every query of amc/queries runs the whole path on the Sandbox's AMC: a workflow made from the file,
/// executed with values that fit its header, awaited, and its results fetched as JSON and as CSV.
/// </summary>
public sealed class AmcQueryCorpusTests(CorpusFixture devHost) : IClassFixture<CorpusFixture>
{
    public static TheoryData<string> Files => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "amc-queries"), "*.sql")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal));

    private HttpClient Client => devHost.Client;

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Execute_CorpusQuery_SucceedsWithRowsAsJsonAndCsv(string file)
    {
        var context = await devHost.ContextAsync();
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "amc-queries", file));
        var workflow = await Client.CreateWorkflowAsync(context.Token, context.InstanceId, file, sql, new
        {
            start_date = ExecutionApi.WindowStart,
            end_date = ExecutionApi.WindowEnd,
        });

        var accepted = await Client.ExecuteAsync(context.Token, workflow.Id(), new
        {
            max_frequency = 5,
            lookback_days = 14,
            top_n = 10,
            min_clicks = 1,
            campaign_ids = context.CampaignIds,
            asins = context.Asins,
        });
        var finished = await ExecutionApi.WaitForStatusAsync(
            () => Client, context.Token, accepted.Id(), timeout: ExecutionApi.HangGuard);
        var path = $"/api/executions/{accepted.Id()}/results";
        var (jsonResponse, json) = await Client.SendJsonAsync(HttpMethod.Get, path, context.Token);
        var csv = await Client.GetCsvAsync(context.Token, path + "?format=csv&limit=10000000");

        Assert.True(finished["status"]!.GetValue<string>() == "SUCCEEDED", finished.ToJsonString());
        var rows = finished["result_rows"]!.GetValue<long>();
        Assert.True(rows > 0, $"{file} returned no rows.");
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        Assert.Equal(Math.Min(rows, 10_000), json!["data"]!.AsArray().Count);
        Assert.Equal(rows + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
