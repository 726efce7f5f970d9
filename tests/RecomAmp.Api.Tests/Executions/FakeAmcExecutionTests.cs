namespace RecomAmp.Api.Tests.Executions;

/// <summary>Executions under the AMC faults only the fake AMC plays (see <see cref="FakeAmcFixture"/>).</summary>
public sealed class FakeAmcExecutionTests(FakeAmcFixture devHost) : IClassFixture<FakeAmcFixture>
{
    private const string Sql = "SELECT campaign_id, impressions FROM dsp_impressions";

    private HttpClient Client => devHost.Client;

    private FakeAmcServer Amc => devHost.Amc;

    [Fact]
    public async Task Execute_AmcAcceptsButTheAnswerIsLost_SubmitsExactlyOnce()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync("lost@example.com", "amclostans1", Sql);
        Amc.FailAfterNext("CreateExecution", 502);
        var before = Amc.CallCount("CreateExecution");

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(before + 1, Amc.CallCount("CreateExecution"));
        var amcWorkflowId = ExecutionApi.AmcWorkflowId(accepted);
        var submitted = Assert.Single(Amc.Executions, e => e.WorkflowId == amcWorkflowId);
        Assert.Equal(submitted.Id, finished["amc_execution_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Execute_DownloadLinksExpire_AsksForNewLinksAndStoresTheResult()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync("expired@example.com", "amcexpired1", Sql);
        Amc.ExpireNextDownloads(2);
        var before = Amc.CallCount("GetDownloadUrls");

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());
        var csv = await Client.GetCsvAsync(token, $"/api/executions/{accepted.Id()}/results?format=csv");

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(before + 2, Amc.CallCount("GetDownloadUrls"));
        Assert.Equal(
            "campaign_id,campaign_name,impressions,spend\r\nc1,\"O'Brien, Inc\",100,1.50\r\nc2,Plain,200,2.25\r\n"
            + "c3,\"Quote \"\"here\"\"\",300,3.00\r\n",
            csv);
    }

    [Fact]
    public async Task Execute_AmcSaysTheTokenExpired_RefreshesItAndGoesOn()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync("expiring@example.com", "amcexpiry01", Sql);
        Amc.FailNext("GetExecution", 401);

        var accepted = await Client.ExecuteAsync(token, workflowId);
        var finished = await Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        var amcExecutionId = finished["amc_execution_id"]!.GetValue<string>();
        var reads = Amc.Calls
            .Where(call => call.Operation == "GetExecution")
            .Where(call => call.Path.EndsWith(amcExecutionId, StringComparison.Ordinal))
            .ToList();
        Assert.NotEqual(reads[0].Authorization, reads[1].Authorization);
    }
}
