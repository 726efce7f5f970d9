namespace RecomAmp.Api.Tests.Executions;

/// <summary>An execution AMC does not finish within its timeout is cancelled there and FAILED here.</summary>
public sealed class ExecutionTimeoutTests(ShortTimeoutFixture devHost) : IClassFixture<ShortTimeoutFixture>
{
    [Fact]
    public async Task Execute_AmcNeverFinishes_FailsAsTimedOutAndCancelsAtAmc()
    {
        var token = await devHost.SignInAsync("patient@example.com");
        var instance = await devHost.Client.CreateRunnableInstanceAsync(token, "amcpatient1");
        var workflow = await devHost.Client.CreateWorkflowAsync(token, instance.Id(), "Never ends",
            "SELECT 1 AS one", new { start_date = "2024-01-01", end_date = "2024-01-07" });
        devHost.Amc.HoldExecutions = true;

        var accepted = await devHost.Client.ExecuteAsync(token, workflow.Id());
        var finished = await devHost.Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("FAILED", finished["status"]!.GetValue<string>());
        Assert.Contains("Timed out", finished["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("CANCELLED", Assert.Single(devHost.Amc.Executions).Status);
    }
}
