namespace RecomAmp.Api.Tests.Executions;

/// <summary>Submission survives a storage failure right after AMC accepted the execution.</summary>
public sealed class ExecutionFaultTests(FaultyStoreFixture devHost) : IClassFixture<FaultyStoreFixture>
{
    [Fact]
    public async Task Submit_StoreFailsAfterAmcAccepted_RetriesAndSubmitsExactlyOnce()
    {
        var token = await devHost.SignInAsync("unlucky@example.com");
        var instance = await devHost.Client.CreateRunnableInstanceAsync(token, "amcunlucky1");
        var workflow = await devHost.Client.CreateWorkflowAsync(token, instance.Id(), "Unlucky",
            "SELECT 1 AS one", new { start_date = "2024-01-01", end_date = "2024-01-07" });
        devHost.Store.FailNextSubmissionWrite();

        var accepted = await devHost.Client.ExecuteAsync(token, workflow.Id());
        var finished = await devHost.Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal(1, devHost.Store.FailedSubmissionWrites);
        Assert.Equal("SUCCEEDED", finished["status"]!.GetValue<string>());
        Assert.Equal(1, devHost.Amc.CallCount("CreateExecution"));
        var submitted = Assert.Single(devHost.Amc.Executions);
        Assert.Equal(submitted.Id, finished["amc_execution_id"]!.GetValue<string>());
    }
}
