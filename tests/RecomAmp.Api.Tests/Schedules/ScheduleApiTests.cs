using System.Net;

namespace RecomAmp.Api.Tests;

public abstract class ScheduleApiTests(DevHostFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(DevHostFixture devHost)
        : ScheduleApiTests(devHost), IClassFixture<DevHostFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(CosmosDevHostFixture devHost)
        : ScheduleApiTests(devHost), IClassFixture<CosmosDevHostFixture>;

    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task Schedules_CreateListUpdatePauseResumeDelete_AsTheRoutesDescribe()
    {
        var token = await devHost.SignInAsync("scheduler@example.com");
        var workflow = await NewWorkflowAsync(token, "amcsched001");

        var (created, schedule) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", token, new
        {
            name = "Daily Report",
            workflow_id = workflow,
            cron_expression = "0 9 * * *",
            timezone = "America/New_York",
            parameters = new { date_range = "yesterday" },
            is_active = true,
        });
        var path = $"/api/schedules/{schedule!.Id()}";
        var (_, listed) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/schedules/?workflow_id={workflow}", token);
        var (_, fetched) = await Client.SendJsonAsync(HttpMethod.Get, path, token);
        var (_, updated) = await Client.SendJsonAsync(HttpMethod.Put, path, token, new
        {
            name = "Every two hours",
            cron_expression = "0 */2 * * *",
        });
        var (_, paused) = await Client.SendJsonAsync(HttpMethod.Post, path + "/pause", token);
        var (_, activeOnly) = await Client.SendJsonAsync(
            HttpMethod.Get, "/api/schedules/?active_only=true", token);
        var (_, resumed) = await Client.SendJsonAsync(HttpMethod.Post, path + "/resume", token);
        var (historyResponse, history) = await Client.SendJsonAsync(
            HttpMethod.Get, path + "/history?limit=50&status=SUCCESS", token);
        var (deleted, _) = await Client.SendJsonAsync(HttpMethod.Delete, path, token);
        var (gone, _) = await Client.SendJsonAsync(HttpMethod.Get, path, token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("America/New_York", schedule!["timezone"]!.GetValue<string>());
        Assert.EndsWith(
            ":00:00.0000000Z", schedule["next_run_at"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, schedule["total_runs"]!.GetValue<int>());
        Assert.Equal(schedule.Id(), Assert.Single(listed!["data"]!.AsArray())!.Id());
        Assert.Equal("Daily Report", fetched!["name"]!.GetValue<string>());
        Assert.Equal("0 */2 * * *", updated!["cron_expression"]!.GetValue<string>());
        Assert.False(paused!["is_active"]!.GetValue<bool>());
        Assert.Null(paused["next_run_at"]);
        Assert.Empty(activeOnly!["data"]!.AsArray());
        Assert.True(resumed!["is_active"]!.GetValue<bool>());
        Assert.NotNull(resumed["next_run_at"]);
        Assert.Equal(HttpStatusCode.OK, historyResponse.StatusCode);
        Assert.Empty(history!["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Create_InvalidFields_Returns400NamingEachWithTheReason()
    {
        var token = await devHost.SignInAsync("bad-scheduler@example.com");
        var workflow = await NewWorkflowAsync(token, "amcsched002");

        var (response, error) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", token, new
        {
            name = "Broken",
            workflow_id = workflow,
            cron_expression = "0 9 * *",
            timezone = "Moon/Base",
            parameters = new { start_date = "the day before" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = error!["errors"]!;
        Assert.Contains(
            "five fields", errors["cron_expression"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(
            "Unknown time zone", errors["timezone"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Unknown relative date", errors["parameters.start_date"]![0]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithSurprisingCron_ExplainsItInCronNotes()
    {
        var token = await devHost.SignInAsync("notes@example.com");
        var workflow = await NewWorkflowAsync(token, "amcsched003");

        var (_, schedule) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", token, new
        {
            name = "Fortnightly?",
            workflow_id = workflow,
            cron_expression = "0 6 */14 * MON",
            timezone = "UTC",
        });

        var notes = schedule!["cron_notes"]!.AsArray().Select(note => note!.GetValue<string>()).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains(
            notes, note => note.Contains("counts from the start of each month", StringComparison.Ordinal));
        Assert.Contains(notes, note => note.Contains("matches either one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRoute_OtherUsersSchedule_Returns404AndLeavesItIntact()
    {
        var owner = await devHost.SignInAsync("schedule-owner@example.com");
        var intruder = await devHost.SignInAsync("schedule-intruder@example.com");
        var workflow = await NewWorkflowAsync(owner, "amcsched004");
        var (_, schedule) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", owner, new
        {
            name = "Owner's schedule",
            workflow_id = workflow,
            cron_expression = "0 9 * * *",
        });
        var path = $"/api/schedules/{schedule!.Id()}";
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, path, null),
            (HttpMethod.Put, path, new { name = "Taken over" }),
            (HttpMethod.Post, path + "/pause", null),
            (HttpMethod.Post, path + "/resume", null),
            (HttpMethod.Get, path + "/history", null),
            (HttpMethod.Delete, path, null),
        };

        foreach (var (method, target, body) in attempts)
        {
            var (response, error) = await Client.SendJsonAsync(method, target, intruder, body);

            Assert.True(
                response.StatusCode == HttpStatusCode.NotFound, $"{method} {target}: {response.StatusCode}");
            Assert.Equal(404, error!["status_code"]!.GetValue<int>());
        }

        var (_, intruderList) = await Client.SendJsonAsync(HttpMethod.Get, "/api/schedules/", intruder);
        var (_, after) = await Client.SendJsonAsync(HttpMethod.Get, path, owner);
        Assert.Empty(intruderList!["data"]!.AsArray());
        Assert.Equal("Owner's schedule", after!["name"]!.GetValue<string>());
        Assert.True(after["is_active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DeleteWorkflow_DeletesItsSchedules()
    {
        var token = await devHost.SignInAsync("cascade@example.com");
        var workflow = await NewWorkflowAsync(token, "amcsched005");
        var (_, schedule) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", token, new
        {
            name = "Goes with its workflow",
            workflow_id = workflow,
            cron_expression = "*/5 * * * *",
        });

        await Client.SendJsonAsync(HttpMethod.Delete, $"/api/workflows/{workflow}", token);
        var (response, _) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/schedules/{schedule!.Id()}", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task History_BadQuery_Returns400NamingTheParameter()
    {
        var token = await devHost.SignInAsync("history@example.com");
        var workflow = await NewWorkflowAsync(token, "amcsched006");
        var (_, schedule) = await Client.SendJsonAsync(HttpMethod.Post, "/api/schedules/", token, new
        {
            name = "History",
            workflow_id = workflow,
            cron_expression = "0 0 * * *",
        });

        var (limit, limitError) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/schedules/{schedule!.Id()}/history?limit=many", token);
        var (status, statusError) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/schedules/{schedule!.Id()}/history?status=HAPPY", token);

        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.NotNull(limitError!["errors"]!["limit"]);
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.NotNull(statusError!["errors"]!["status"]);
    }

    private async Task<string> NewWorkflowAsync(string token, string amcInstanceId)
    {
        var instance = await Client.CreateInstanceAsync(token, amcInstanceId);
        var workflow = await Client.CreateWorkflowAsync(
            token, instance.Id(), "Scheduled", "SELECT '{{start_date}}' AS s, '{{end_date}}' AS e");
        return workflow.Id();
    }
}
