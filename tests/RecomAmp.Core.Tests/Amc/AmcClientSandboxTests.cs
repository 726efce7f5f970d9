using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Tests.Amc;

/// <summary>
/// The AMC client against the Sandbox's AMC, signed in through the Sandbox's Login with Amazon. The tests
/// share one Sandbox (its synthetic data takes a moment to build); each uses its own workflows.
/// </summary>
public sealed class AmcClientSandboxTests(AmcSandboxFixture fixture) : IClassFixture<AmcSandboxFixture>
{
    private static readonly AmcTarget SandboxTarget =
        new(AmcTestHost.UserId, "amcsandbox01", "ENTITY1SANDBOX", "ATVPDKIKX0DER", "us-east-1");

    private AmcTestHost Host => fixture.Host;

    [Fact]
    public async Task SavedWorkflow_RunsToSucceeded_AndItsResultDownloads()
    {
        var workflowId = "wf-" + Guid.NewGuid().ToString("N");
        var workflow = new AmcSavedWorkflow(
            workflowId,
            "SELECT campaign, SUM(impressions) AS impressions FROM dsp_impressions "
            + "WHERE impression_hour_utc >= CUSTOM_PARAMETER('min_hour') GROUP BY 1",
            [new AmcInputParameter("min_hour", "INTEGER", JsonDocument.Parse("0").RootElement)]);
        var today = DateTime.UtcNow.Date;
        var request = new AmcExecutionRequest(
            workflowId,
            Window(today.AddDays(-60)),
            Window(today.AddDays(-30)),
            "America/New_York",
            new Dictionary<string, JsonElement> { ["min_hour"] = JsonDocument.Parse("12").RootElement });

        var info = await Host.Client.GetInstanceAsync(SandboxTarget, default);
        await Host.Client.UpsertWorkflowAsync(SandboxTarget, workflow, default);
        await Host.Client.UpsertWorkflowAsync(SandboxTarget, workflow, default);
        var created = await Host.Client.CreateExecutionAsync(SandboxTarget, request, default);
        var finished = await WaitForEndAsync(created.WorkflowExecutionId);
        var listed = await Host.Client.ListExecutionsAsync(SandboxTarget, workflowId, default);
        var links = await Host.Client.GetDownloadUrlsAsync(
            SandboxTarget, created.WorkflowExecutionId, default);
        string firstLine;
        await using (var stream = await Host.Client.OpenDownloadAsync(links[0], default))
        {
            using var reader = new StreamReader(stream);
            firstLine = await reader.ReadLineAsync() ?? string.Empty;
        }

        Assert.Equal("amcsandbox01", info.InstanceId);
        Assert.False(string.IsNullOrEmpty(info.InstanceName));
        Assert.Equal("PENDING", created.Status);
        Assert.Equal("SUCCEEDED", finished.Status);
        Assert.Equal(["campaign", "impressions"], finished.OutputColumns);
        Assert.Equal(created.WorkflowExecutionId, Assert.Single(listed).WorkflowExecutionId);
        Assert.Equal("campaign,impressions", firstLine);
    }

    [Fact]
    public async Task CompileError_ComesBackAsA400WithAmcsExplanation()
    {
        var workflow = new AmcSavedWorkflow(
            "wf-" + Guid.NewGuid().ToString("N"), "SELECT no_such_column FROM dsp_impressions", []);

        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => Host.Client.UpsertWorkflowAsync(SandboxTarget, workflow, default));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("no_such_column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInstance_Is404()
    {
        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => Host.Client.GetInstanceAsync(
                SandboxTarget with { AmcInstanceId = "notaninstance" }, default));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task InjectedThrottling_IsWaitedOut()
    {
        await AdminAsync(HttpMethod.Post, "_admin/amc/faults", new
        {
            operation = "GetInstance",
            statusCode = 429,
            count = 1,
        });

        var info = await Host.Client.GetInstanceAsync(SandboxTarget, default);

        Assert.Equal("amcsandbox01", info.InstanceId);
        Assert.Contains(
            Host.Logs.Entries,
            e => e.EventId == 5120 && e.Message.Contains("HTTP 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectedAccessToken_IsRefreshedOnce()
    {
        await AdminAsync(HttpMethod.Post, "_admin/amc/faults", new
        {
            operation = "GetInstance",
            statusCode = 401,
            count = 1,
        });

        var info = await Host.Client.GetInstanceAsync(SandboxTarget, default);

        Assert.Equal("amcsandbox01", info.InstanceId);
        Assert.Contains(Host.Logs.Entries, e => e.EventId == 5110);
    }

    [Fact]
    public async Task ExpiredDownloadLink_ThrowsDownloadExpired()
    {
        var workflowId = "wf-" + Guid.NewGuid().ToString("N");
        await Host.Client.UpsertWorkflowAsync(
            SandboxTarget,
            new AmcSavedWorkflow(workflowId, "SELECT campaign FROM dsp_impressions GROUP BY 1", []),
            default);
        var today = DateTime.UtcNow.Date;
        var created = await Host.Client.CreateExecutionAsync(
            SandboxTarget,
            new AmcExecutionRequest(
                workflowId, Window(today.AddDays(-40)), Window(today.AddDays(-30)), "UTC", null),
            default);
        await WaitForEndAsync(created.WorkflowExecutionId);
        var links = await Host.Client.GetDownloadUrlsAsync(
            SandboxTarget, created.WorkflowExecutionId, default);
        await AdminAsync(HttpMethod.Put, "_admin/amc/faults/download-links", new { expired = true });

        try
        {
            await Assert.ThrowsAsync<AmcDownloadExpiredException>(
                () => Host.Client.OpenDownloadAsync(links[0], default));
        }
        finally
        {
            await AdminAsync(HttpMethod.Put, "_admin/amc/faults/download-links", new { expired = false });
        }
    }

    [Fact]
    public async Task DeleteWorkflowAsync_TwiceOver_IsFine()
    {
        var workflowId = "wf-" + Guid.NewGuid().ToString("N");
        await Host.Client.UpsertWorkflowAsync(
            SandboxTarget,
            new AmcSavedWorkflow(workflowId, "SELECT campaign FROM dsp_impressions", []),
            default);

        await Host.Client.DeleteWorkflowAsync(SandboxTarget, workflowId, default);
        await Host.Client.DeleteWorkflowAsync(SandboxTarget, workflowId, default);

        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => Host.Client.CreateExecutionAsync(
                SandboxTarget,
                new AmcExecutionRequest(
                    workflowId, "2025-01-01T00:00:00", "2025-01-02T00:00:00", "UTC", null),
                default));
        Assert.Equal(400, error.StatusCode);
    }

    private static string Window(DateTime day) =>
        day.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private async Task<AmcExecution> WaitForEndAsync(string executionId)
    {
        string[] ended = ["SUCCEEDED", "FAILED", "CANCELLED", "REJECTED"];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var execution = await Host.Client.GetExecutionAsync(SandboxTarget, executionId, default);
            if (ended.Contains(execution.Status) || DateTime.UtcNow > deadline)
            {
                return execution;
            }

            await Task.Delay(100);
        }
    }

    private async Task AdminAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await fixture.Sandbox.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
