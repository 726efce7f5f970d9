using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using RecomAmp.Api.Tests.Executions;

namespace RecomAmp.Api.Tests.Schedules;

/// <summary>
/// A schedule due within a minute runs its workflow on the Sandbox's AMC through DevHost's own timer
/// (Schedules_Tick, every minute at second 0) and shows up in its history, first as RUNNING and, a tick
/// after its execution finished, as SUCCEEDED with the counters to match. It waits for real minutes.
/// </summary>
public sealed class ScheduledRunEndToEndTests(SandboxExecutionFixture devHost)
    : IClassFixture<SandboxExecutionFixture>
{
    private const string SmallSql =
        "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions "
        + "WHERE impression_date_utc >= '{{start_date}}' GROUP BY 1";

    private static readonly TimeSpan _tickWait = TimeSpan.FromSeconds(90);

    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task Schedule_DueWithinAMinute_RunsItsWorkflowOnTheSandboxAndAppearsInItsHistory()
    {
        var (token, workflowId) = await devHost.RunnableWorkflowAsync(
            "scheduled-run@example.com", "amcschede2e1", SmallSql);
        var (created, schedule) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", token, new
        {
            name = "Every minute",
            workflow_id = workflowId,
            cron_expression = "* * * * *",
            timezone = "UTC",
            parameters = new { date_range = "last_30_days" },
            data_lag_days = 3,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = $"/api/schedules/{schedule!.Id()}";
        var firstDue = Instant(schedule!["next_run_at"]!);
        Assert.True(firstDue - DateTimeOffset.UtcNow <= TimeSpan.FromMinutes(1), $"Next run at {firstDue:O}");

        // The history is newest first; the first run is the oldest.
        var run = (await WaitForHistoryAsync(token, path, runs => runs.Count > 0))[^1]!;
        var executionId = run["execution_id"]!.GetValue<string>();
        var execution = await ExecutionApi.WaitForStatusAsync(
            () => Client, token, executionId, timeout: TimeSpan.FromSeconds(60));
        var recorded = await WaitForHistoryAsync(
            token, path, runs => Find(runs, run.Id())?["status"]?.GetValue<string>() == "SUCCEEDED");
        var (_, after) = await Client.SendJsonAsync(HttpMethod.Post, path + "/pause", token);

        Assert.Equal(firstDue, Instant(run["scheduled_for"]!));
        Assert.Equal("RUNNING", run["status"]!.GetValue<string>());
        Assert.True(execution["status"]!.GetValue<string>() == "SUCCEEDED", execution.ToJsonString());
        Assert.Equal(workflowId, execution["workflow_id"]!.GetValue<string>());

        // The range was resolved when the run started: the 30 days before (run day - 3 days of lag).
        var reference = DateOnly.FromDateTime(Instant(run["created_at"]!).UtcDateTime).AddDays(-3);
        Assert.Equal(Day(reference.AddDays(-30)), execution["parameters"]!["start_date"]!.GetValue<string>());
        Assert.Equal(Day(reference.AddDays(-1)), execution["parameters"]!["end_date"]!.GetValue<string>());

        var finished = Find(recorded, run.Id())!;
        Assert.Equal(executionId, finished["execution_id"]!.GetValue<string>());
        Assert.NotNull(finished["duration_seconds"]);
        Assert.True(after!["successful_runs"]!.GetValue<int>() >= 1, after.ToJsonString());
        Assert.True(after["total_runs"]!.GetValue<int>() >= 1, after.ToJsonString());
        Assert.Equal(0, after["failed_runs"]!.GetValue<int>());
    }

    private async Task<JsonArray> WaitForHistoryAsync(
        string token, string path, Func<JsonArray, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (response, history) = await Client.SendJsonAsync(HttpMethod.Get, path + "/history", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var runs = history!["data"]!.AsArray();
            if (condition(runs))
            {
                return runs;
            }

            Assert.True(
                watch.Elapsed < _tickWait, $"The history did not change in time: {runs.ToJsonString()}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static JsonNode? Find(JsonArray runs, string id) =>
        runs.FirstOrDefault(run => run!["id"]!.GetValue<string>() == id);

    private static DateTimeOffset Instant(JsonNode text) =>
        DateTimeOffset.Parse(text.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
