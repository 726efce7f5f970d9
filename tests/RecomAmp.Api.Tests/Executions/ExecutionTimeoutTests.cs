namespace RecomAmp.Api.Tests.Executions;

/// <summary>An execution AMC does not finish within its timeout is cancelled there and FAILED here.</summary>
public sealed class ExecutionTimeoutTests(ShortTimeoutFixture devHost) : IClassFixture<ShortTimeoutFixture>
{
    [Fact]
    public async Task Execute_AmcNeverFinishes_FailsAsTimedOutAndCancelsAtAmc()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "patient@example.com", "amcpatient1", "SELECT 1 AS one");
        devHost.Amc.HoldExecutions = true;

        var accepted = await devHost.Client.ExecuteAsync(token, workflowId);
        var finished = await devHost.Client.WaitForStatusAsync(token, accepted.Id());

        Assert.Equal("FAILED", finished["status"]!.GetValue<string>());
        Assert.Contains("Timed out", finished["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("CANCELLED", Assert.Single(devHost.Amc.Executions).Status);
    }
}
