using System.Text.Json;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Tests.Workflows;
using static RecomAmp.Core.Tests.Schedules.ScheduleTestData;

namespace RecomAmp.Core.Tests.Schedules;

public sealed class ScheduleServiceTests : IDisposable
{
    private const string Alice = "user-alice";
    private const string Bob = "user-bob";

    private readonly ServiceTestHost _host = new();

    private ScheduleService Schedules => _host.Get<ScheduleService>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Create_ValidRequest_ComputesNextRunInItsZoneAndReturnsUtc()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched01");

        var schedule = await Schedules.CreateAsync(
            Alice, Request(workflow.Id, "0 9 * * *", "America/New_York"), default);

        // The clock says 2024-03-01 09:00 UTC, which is 04:00 in New York (EST, UTC-5).
        Assert.True(Guid.TryParse(schedule.Id, out _));
        Assert.Equal(Utc(2024, 3, 1, 14, 0), schedule.NextRunAt);
        Assert.True(schedule.IsActive);
        Assert.Equal(0, schedule.DataLagDays);
        Assert.Equal((0, 0, 0), (schedule.TotalRuns, schedule.SuccessfulRuns, schedule.FailedRuns));
        Assert.Equal(Json(schedule), Json(await Schedules.GetAsync(Alice, schedule.Id, default)));
    }

    [Fact]
    public async Task Create_ResponseShape_MatchesTheRouteContract()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched02");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 0 */14 * *"), default);

        var json = JsonSerializer.SerializeToElement(ScheduleResponse.From(schedule), RecomAmpJson.Options);

        Assert.Equal(
            ["created_at", "cron_expression", "cron_notes", "data_lag_days", "failed_runs", "id",
                "is_active", "last_run_at", "name", "next_run_at", "parameters", "successful_runs", "timezone",
                "total_runs", "updated_at", "workflow_id"],
            json.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal("2024-03-15T00:00:00.0000000Z", json.GetProperty("next_run_at").GetString());
        Assert.Contains("starts again on day 1 of the next month",
            json.GetProperty("cron_notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MissingFields_ReportsEachRequiredField()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Schedules.CreateAsync(Alice, new CreateScheduleRequest(), default));

        Assert.Equal(["cron_expression", "name", "workflow_id"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Create_InvalidValues_ReportsEachWithTheReason()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched03");
        var request = Request(workflow.Id, "0 25 * * *", "Atlantis/Capital", """{"start_date": "someday"}""",
            dataLagDays: 400);

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Schedules.CreateAsync(Alice, request, default));

        Assert.Equal(
            ["cron_expression", "data_lag_days", "parameters.start_date", "timezone"],
            error.Errors!.Keys.Order());
        Assert.Equal(
            "Not a valid cron expression (minute, hour, day of month, month, day of week): Hours: Value must "
            + "be a number between 0 and 23 (all inclusive).",
            error.Errors["cron_expression"][0]);
        Assert.StartsWith(
            "Unknown time zone 'Atlantis/Capital'", error.Errors["timezone"][0], StringComparison.Ordinal);
        Assert.Equal(["Must be between 0 and 365"], error.Errors["data_lag_days"]);
    }

    [Fact]
    public async Task Create_ExpressionThatNeverOccurs_IsRefused()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched04");

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Schedules.CreateAsync(Alice, Request(workflow.Id, "0 0 31 2 *"), default));

        Assert.Equal(["The expression has no occurrence after now"], error.Errors!["cron_expression"]);
    }

    [Fact]
    public async Task Create_WithoutTimezone_TakesTheUsersOwn()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched05");
        var now = _host.Clock.GetUtcNow();
        await _host.Store.Inner.CreateAsync(StorageContainers.Users, Alice, Alice, new UserDocument
        {
            Id = Alice,
            LwaUserId = "amzn1.account.alice",
            Email = "alice@example.com",
            FullName = "Alice",
            Timezone = "Asia/Tokyo",
            CreatedAt = now,
            UpdatedAt = now,
        }, default);

        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, timezone: null), default);

        Assert.Equal("Asia/Tokyo", schedule.Timezone);
        Assert.Equal(Utc(2024, 3, 2, 0, 0), schedule.NextRunAt);
    }

    [Fact]
    public async Task Create_AnotherUsersWorkflow_IsNoSuchWorkflow()
    {
        var bobs = await NewWorkflowAsync(_host, Bob, "amcsched06");

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Schedules.CreateAsync(Alice, Request(bobs.Id), default));

        Assert.Equal(["No such workflow"], error.Errors!["workflow_id"]);
    }

    [Fact]
    public async Task Create_Paused_HasNoNextRun()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched07");

        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, isActive: false), default);

        Assert.False(schedule.IsActive);
        Assert.Null(schedule.NextRunAt);
    }

    [Fact]
    public async Task Create_WhenTheWorkflowIsDeletedMeanwhile_TheScheduleDoesNotOutliveIt()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched08");
        _host.Store.BeforeCreate = async (container, _) =>
        {
            if (container == StorageContainers.Schedules)
            {
                _host.Store.BeforeCreate = null;
                await _host.Workflows.DeleteAsync(Alice, workflow.Id, default);
            }
        };

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Schedules.CreateAsync(Alice, Request(workflow.Id), default));

        Assert.Equal(["No such workflow"], error.Errors!["workflow_id"]);
        Assert.Empty(await Schedules.ListAsync(Alice, activeOnly: false, workflowId: null, default));
    }

    [Fact]
    public async Task AnotherUsersSchedule_IsNotFoundEverywhere()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched09");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        var id = schedule.Id;

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Schedules.GetAsync(Bob, id, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => Schedules.UpdateAsync(Bob, id, new UpdateScheduleRequest(Name: "Mine now"), default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Schedules.PauseAsync(Bob, id, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Schedules.ResumeAsync(Bob, id, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => Schedules.HistoryAsync(Bob, id, 10, null, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Schedules.DeleteAsync(Bob, id, default));
        Assert.Empty(await Schedules.ListAsync(Bob, activeOnly: false, workflowId: null, default));

        Assert.Equal("Daily report", (await Schedules.GetAsync(Alice, id, default)).Name);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Get_UnknownId_IsNotFound(string id)
    {
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Schedules.GetAsync(Alice, id, default));
    }

    [Fact]
    public async Task List_FiltersByActiveAndWorkflow_NewestFirst()
    {
        var first = await NewWorkflowAsync(_host, Alice, "amcsched10");
        var second = await NewWorkflowAsync(_host, Alice, "amcsched11");
        var a = await Schedules.CreateAsync(Alice, Request(first.Id), default);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var b = await Schedules.CreateAsync(Alice, Request(first.Id, isActive: false), default);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await Schedules.CreateAsync(Alice, Request(second.Id), default);

        var all = await Schedules.ListAsync(Alice, activeOnly: false, workflowId: null, default);
        var active = await Schedules.ListAsync(Alice, activeOnly: true, workflowId: null, default);
        var ofFirst = await Schedules.ListAsync(Alice, activeOnly: false, workflowId: first.Id, default);
        var activeOfFirst = await Schedules.ListAsync(Alice, activeOnly: true, workflowId: first.Id, default);

        Assert.Equal([c.Id, b.Id, a.Id], all.Select(schedule => schedule.Id));
        Assert.Equal([c.Id, a.Id], active.Select(schedule => schedule.Id));
        Assert.Equal([b.Id, a.Id], ofFirst.Select(schedule => schedule.Id));
        Assert.Equal([a.Id], activeOfFirst.Select(schedule => schedule.Id));
    }

    [Fact]
    public async Task Update_NewCronAndZone_RecomputesTheNextRun()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched12");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);

        var updated = await Schedules.UpdateAsync(
            Alice,
            schedule.Id,
            new UpdateScheduleRequest(CronExpression: "30 6 * * MON", Timezone: "Europe/Berlin"),
            default);

        // Friday 2024-03-01 09:00 UTC; the next Monday 06:30 in Berlin (CET, UTC+1) is 2024-03-04 05:30 UTC.
        Assert.Equal(Utc(2024, 3, 4, 5, 30), updated.NextRunAt);
        Assert.Equal("30 6 * * MON", updated.CronExpression);
        Assert.Equal("Europe/Berlin", updated.Timezone);
        Assert.Equal(schedule.Name, updated.Name);
    }

    [Fact]
    public async Task Update_OnlyTheName_KeepsTheNextRun()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched13");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Schedules.UpdateAsync(
            Alice, schedule.Id, new UpdateScheduleRequest(Name: " Renamed ", DataLagDays: 2), default);

        Assert.Equal("Renamed", updated.Name);
        Assert.Equal(2, updated.DataLagDays);
        Assert.Equal(schedule.NextRunAt, updated.NextRunAt);
        Assert.Equal(_host.Clock.GetUtcNow(), updated.UpdatedAt);
    }

    [Fact]
    public async Task Update_InvalidFields_ChangesNothing()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched14");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Schedules.UpdateAsync(
            Alice,
            schedule.Id,
            new UpdateScheduleRequest(
                Name: " ", CronExpression: "* * *", Parameters: Parameters("""{"date": "later"}""")),
            default));

        Assert.Equal(["cron_expression", "name", "parameters.date"], error.Errors!.Keys.Order());
        Assert.Equal(Json(schedule), Json(await Schedules.GetAsync(Alice, schedule.Id, default)));
    }

    [Fact]
    public async Task PauseThenResume_NextRunIsTheFirstOccurrenceAfterResuming()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched15");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 * * * *"), default);

        var paused = await Schedules.PauseAsync(Alice, schedule.Id, default);
        var pausedAgain = await Schedules.PauseAsync(Alice, schedule.Id, default);
        _host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(20));
        var resumed = await Schedules.ResumeAsync(Alice, schedule.Id, default);

        Assert.False(paused.IsActive);
        Assert.Null(paused.NextRunAt);
        Assert.Equal(Json(paused), Json(pausedAgain));
        Assert.True(resumed.IsActive);
        Assert.Equal(Utc(2024, 3, 4, 10, 0), resumed.NextRunAt);
    }

    [Fact]
    public async Task Update_Reactivated_NextRunIsComputedFromNow()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched16");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, isActive: false), default);
        _host.Clock.Advance(TimeSpan.FromDays(1));

        var updated = await Schedules.UpdateAsync(
            Alice, schedule.Id, new UpdateScheduleRequest(IsActive: true), default);

        Assert.Equal(Utc(2024, 3, 3, 9, 0), updated.NextRunAt);
    }

    [Fact]
    public async Task DeleteWorkflow_DeletesItsSchedules()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched17");
        var other = await NewWorkflowAsync(_host, Alice, "amcsched18");
        var doomed = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 10 * * *"), default);
        var kept = await Schedules.CreateAsync(Alice, Request(other.Id), default);

        await _host.Workflows.DeleteAsync(Alice, workflow.Id, default);

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => Schedules.GetAsync(Alice, doomed.Id, default));
        Assert.Equal([kept.Id], (await Schedules.ListAsync(Alice, false, null, default)).Select(s => s.Id));
    }

    [Fact]
    public async Task Delete_RemovesTheSchedule()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched19");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);

        await Schedules.DeleteAsync(Alice, schedule.Id, default);

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => Schedules.GetAsync(Alice, schedule.Id, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => Schedules.DeleteAsync(Alice, schedule.Id, default));
    }

    [Theory]
    [InlineData(0, null, "limit")]
    [InlineData(501, null, "limit")]
    [InlineData(10, "DONE", "status")]
    public async Task History_InvalidFilters_AreRefused(int limit, string? status, string field)
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amcsched20");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Schedules.HistoryAsync(Alice, schedule.Id, limit, status, default));

        Assert.Equal([field], error.Errors!.Keys);
    }
}
