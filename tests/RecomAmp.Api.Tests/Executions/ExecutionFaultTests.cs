namespace RecomAmp.Api.Tests.Executions;

/// <summary>Submission survives a storage failure right after AMC accepted the execution.</summary>
public sealed class ExecutionFaultTests(FaultyStoreFixture devHost) : IClassFixture<FaultyStoreFixture>
{
    [Fact]
    public async Task Submit_StoreFailsAfterAmcAccepted_RetriesAndSubmitsExactlyOnce()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync("unlucky@example.com", "amcunlucky1",
            "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions GROUP BY 1");
        devHost.Store.FailNextSubmissionWrite();

        var accepted = await devHost.Client.ExecuteAsync(token, workflowId);
        var finished = await devHost.Client.WaitForStatusAsync(token, accepted.Id());
        var atAmc = await devHost.Sandbox.ListExecutionsAsync(
            "amcunlucky1", ExecutionApi.AmcWorkflowId(accepted));

        Assert.Equal(1, devHost.Store.FailedSubmissionWrites);
        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        var submitted = Assert.Single(atAmc);
        Assert.Equal(
            submitted!["workflowExecutionId"]!.GetValue<string>(),
            finished["amc_execution_id"]!.GetValue<string>());
    }
}
