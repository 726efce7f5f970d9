using System.Text.Json.Nodes;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// A <see cref="SandboxExecutionFixture"/> with one signed-in analyst and one instance for the query corpus,
/// and the campaign ids and ASINs of the Sandbox's data, found once by running discovery workflows.
/// </summary>
public sealed class CorpusFixture : SandboxExecutionFixture
{
    private readonly Lazy<Task<CorpusContext>> _context;

    public CorpusFixture()
    {
        _context = new Lazy<Task<CorpusContext>>(DiscoverAsync);
    }

    public Task<CorpusContext> ContextAsync() => _context.Value;

    private async Task<CorpusContext> DiscoverAsync()
    {
        var token = await SignInAsync("corpus@example.com");
        var instance = await Client.CreateRunnableInstanceAsync(token, "amccorpus01");
        var campaigns = await RunAsync(token, instance.Id(),
            "SELECT campaign_id_string, COUNT(DISTINCT user_id) AS users FROM dsp_impressions GROUP BY 1 "
            + "UNION ALL "
            + "SELECT campaign_id_string, COUNT(DISTINCT user_id) AS users FROM sponsored_ads_traffic GROUP BY 1");
        var asins = await RunAsync(token, instance.Id(),
            "SELECT tracked_asin, COUNT(DISTINCT user_id) AS users "
            + "FROM amazon_attributed_events_by_conversion_time GROUP BY 1");

        var campaignIds = campaigns.Select(row => row!["campaign_id_string"]!.GetValue<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var trackedAsins = asins.OrderByDescending(row => row!["users"]!.GetValue<long>())
            .Select(row => row!["tracked_asin"]!.GetValue<string>()).Take(10).ToList();
        List<string> someCampaigns = [.. campaignIds.Take(3), .. campaignIds.Skip(campaignIds.Count - 3)];
        return new CorpusContext(token, instance.Id(), someCampaigns, trackedAsins);
    }

    private async Task<JsonArray> RunAsync(string token, string instanceId, string sql)
    {
        var workflow = await Client.CreateWorkflowAsync(token, instanceId, "Discovery", sql,
            new { start_date = ExecutionApi.WindowStart, end_date = ExecutionApi.WindowEnd });
        var accepted = await Client.ExecuteAsync(token, workflow.Id());
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        Assert.True(finished["status"]!.GetValue<string>() == "SUCCEEDED", finished.ToJsonString());
        var (_, results) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/executions/{accepted.Id()}/results", token);
        return results!["data"]!.AsArray();
    }
}
