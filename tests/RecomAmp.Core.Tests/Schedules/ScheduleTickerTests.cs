using Microsoft.Extensions.Logging.Abstractions;
using RecomAmp.Core.Common;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Embedded;
using RecomAmp.Core.Tests.Workflows;
using RecomAmp.Core.Workflows;
using static RecomAmp.Core.Tests.Schedules.ScheduleTestData;

namespace RecomAmp.Core.Tests.Schedules;

public sealed class ScheduleTickerTests : IDisposable
{
    private const string Alice = "user-alice";
    private const string Bob = "user-bob";

    private readonly ServiceTestHost _host = new();
    private readonly FakeScheduleExecutions _executions = new();
    private readonly List<SqliteDocumentStore> _extraStores = [];

    private ScheduleService Schedules => _host.Get<ScheduleService>();

    private ScheduleTicker Ticker => _host.Get<ScheduleTicker>();

    public void Dispose()
    {
        foreach (var store in _extraStores)
        {
            store.Dispose();
        }

        _host.Dispose();
    }

    [Fact]
    public async Task Tick_DueSchedule_StartsItsWorkflowWithResolvedDatesAndRecordsTheRun()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick01");
        var schedule = await Schedules.CreateAsync(
            Alice,
            Request(
                workflow.Id, "30 0 1 * *", "America/New_York", """{"date_range": "last_month", "limit": 5}"""),
            default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);

        var result = await Ticker.TickAsync(_executions, default);

        // Due at 00:30 on 1 April in New York (04:30 UTC): last month is all of March there.
        var start = Assert.Single(_executions.Starts);
        Assert.Equal(Utc(2024, 4, 1, 4, 30), schedule.NextRunAt);
        Assert.Equal(
            (workflow.Id, schedule.Id, "America/New_York"), (start.WorkflowId, start.ScheduleId, start.Timezone));
        Assert.Equal("2024-03-01", start.Parameters["start_date"].GetString());
        Assert.Equal("2024-03-31", start.Parameters["end_date"].GetString());
        Assert.Equal(5, start.Parameters["limit"].GetInt32());
        Assert.Equal(1, result.Fired);

        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
        Assert.Equal((start.ScheduleRunId, start.ExecutionId), (run.Id, run.ExecutionId));
        Assert.Equal(ScheduleRunStatus.Running, run.Status);
        Assert.Equal(schedule.NextRunAt, run.ScheduledFor);

        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal(Utc(2024, 5, 1, 4, 30), after.NextRunAt);
        Assert.Equal(schedule.NextRunAt, after.LastRunAt);
        Assert.Equal(1, after.TotalRuns);
        Assert.Null(after.PendingClaim);
        Assert.Equal([run.Id], after.OpenRunIds);
    }

    [Fact]
    public async Task Tick_BeforeTheDueTime_DoesNothing()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick02");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value - TimeSpan.FromSeconds(1));

        var result = await Ticker.TickAsync(_executions, default);

        Assert.Equal(0, result.Due);
        Assert.Empty(_executions.Starts);
        Assert.Equal(Json(schedule), Json(await Schedules.GetAsync(Alice, schedule.Id, default)));
    }

    [Fact]
    public async Task Tick_AfterMissingManyDueTimes_RunsOnceAndMovesToTheNextTimeAfterNow()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick03");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 * * * *"), default);

        // The app was down from 10:00 to 15:30: five hourly due times passed.
        _host.Clock.SetUtcNow(Utc(2024, 3, 1, 15, 30));
        var first = await Ticker.TickAsync(_executions, default);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Ticker.TickAsync(_executions, default);

        Assert.Equal(1, first.Fired);
        Assert.Equal(0, second.Due);
        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
        Assert.Equal(Utc(2024, 3, 1, 10, 0), run.ScheduledFor);
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal(Utc(2024, 3, 1, 16, 0), after.NextRunAt);
        Assert.Equal(1, after.TotalRuns);
    }

    [Fact]
    public async Task Tick_TwoTickersRacingOverManyDueSchedules_EachDueTimeFiresExactlyOnce()
    {
        const int scheduleCount = 120;
        const int rounds = 3;
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick04");
        var bobsWorkflow = await NewWorkflowAsync(_host, Bob, "amctick05");
        var ids = new List<string>();
        for (var index = 0; index < scheduleCount; index++)
        {
            var (user, workflowId) = index % 2 == 0 ? (Alice, workflow.Id) : (Bob, bobsWorkflow.Id);
            ids.Add((await Schedules.CreateAsync(user, Request(workflowId, "* * * * *"), default)).Id);
        }

        // A second host: its own store on the same database file, its own ticker.
        var otherStore = new SqliteDocumentStore(
            _host.Get<DataFolder>(), _host.Clock, NullLogger<SqliteDocumentStore>.Instance);
        _extraStores.Add(otherStore);
        var otherTicker = new ScheduleTicker(
            otherStore, new ScheduleRecords(otherStore), _host.Clock, NullLogger<ScheduleTicker>.Instance);
        _executions.StartDelay = TimeSpan.FromMilliseconds(1);

        var results = new List<ScheduleTickResult>();
        for (var round = 0; round < rounds; round++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            var ticks = await Task.WhenAll(
                Task.Run(() => Ticker.TickAsync(_executions, default)),
                Task.Run(() => otherTicker.TickAsync(_executions, default)));
            results.AddRange(ticks);
        }

        Assert.Equal(scheduleCount * rounds, results.Sum(result => result.Fired));
        Assert.Equal(0, results.Sum(result => result.Errors));
        Assert.Equal(0, _executions.RepeatedStarts);
        var startsPerSchedule = _executions.Starts.GroupBy(start => start.ScheduleId).ToList();
        Assert.Equal(scheduleCount, startsPerSchedule.Count);
        Assert.All(startsPerSchedule, group => Assert.Equal(rounds, group.Count()));
        Assert.All(
            startsPerSchedule,
            group => Assert.Equal(rounds, group.Select(start => start.ExecutionId).Distinct().Count()));
        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            var user = index % 2 == 0 ? Alice : Bob;
            var schedule = await Schedules.GetAsync(user, id, default);
            var runs = await Schedules.HistoryAsync(user, id, 50, null, default);
            Assert.Equal(rounds, schedule.TotalRuns);
            Assert.Equal(rounds, runs.Select(run => run.ScheduledFor).Distinct().Count());
            Assert.Null(schedule.PendingClaim);
        }
    }

    [Fact]
    public async Task Tick_WhenAnotherTickerClaimsFirst_SkipsTheSchedule()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick06");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        var rival = new ScheduleTicker(
            _host.Store.Inner,
            new ScheduleRecords(_host.Store.Inner),
            _host.Clock,
            NullLogger<ScheduleTicker>.Instance);
        ScheduleTickResult? rivalResult = null;
        _host.Store.BeforeReplace = async (container, _) =>
        {
            if (container == StorageContainers.Schedules)
            {
                _host.Store.BeforeReplace = null;
                rivalResult = await rival.TickAsync(_executions, default);
            }
        };

        var result = await Ticker.TickAsync(_executions, default);

        Assert.Equal((1, 0, 1), (result.Due, result.Fired, result.ClaimsLost));
        Assert.Equal(1, rivalResult!.Fired);
        Assert.Single(_executions.Starts);
        Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
    }

    [Fact]
    public async Task Tick_PausedSchedule_DoesNotRunAndResumingDoesNotCatchUp()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick07");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "*/10 * * * *"), default);
        await Schedules.PauseAsync(Alice, schedule.Id, default);

        _host.Clock.Advance(TimeSpan.FromHours(2));
        var whilePaused = await Ticker.TickAsync(_executions, default);
        var resumed = await Schedules.ResumeAsync(Alice, schedule.Id, default);
        var afterResume = await Ticker.TickAsync(_executions, default);
        _host.Clock.SetUtcNow(resumed.NextRunAt!.Value);
        var atNextRun = await Ticker.TickAsync(_executions, default);

        Assert.Equal(0, whilePaused.Due);
        Assert.Equal(Utc(2024, 3, 1, 11, 10), resumed.NextRunAt);
        Assert.Equal(0, afterResume.Due);
        Assert.Equal(1, atNextRun.Fired);
        Assert.Single(_executions.Starts);
    }

    [Fact]
    public async Task Pause_WhileARunIsRunning_LeavesItAndStillRecordsItsOutcome()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick08");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        await Ticker.TickAsync(_executions, default);

        await Schedules.PauseAsync(Alice, schedule.Id, default);
        _executions.Finish(Assert.Single(_executions.Starts).ExecutionId, "SUCCEEDED", durationSeconds: 45);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var result = await Ticker.TickAsync(_executions, default);

        Assert.Equal(1, result.OutcomesRecorded);
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.False(after.IsActive);
        Assert.Equal((1, 1, 0), (after.TotalRuns, after.SuccessfulRuns, after.FailedRuns));
    }

    [Fact]
    public async Task Tick_ExecutionsFinish_RunsAndCountersFollowTheirOutcomes()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick09");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 * * * *"), default);
        (string Status, string? Error)[] outcomes =
            [("SUCCEEDED", null), ("FAILED", "Syntax error"), ("REJECTED", "Too many")];
        var results = new List<ScheduleTickResult>();
        foreach (var (status, error) in outcomes)
        {
            _host.Clock.SetUtcNow((await Schedules.GetAsync(Alice, schedule.Id, default)).NextRunAt!.Value);
            results.Add(await Ticker.TickAsync(_executions, default));
            _executions.Finish(_executions.Starts[^1].ExecutionId, status, durationSeconds: 60, error);
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        results.Add(await Ticker.TickAsync(_executions, default));
        var again = await Ticker.TickAsync(_executions, default);

        // Each tick records the outcomes of the runs that finished since the one before.
        Assert.Equal([0, 1, 1, 1], results.Select(result => result.OutcomesRecorded));
        Assert.Equal(0, again.OutcomesRecorded);
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal((3, 1, 2), (after.TotalRuns, after.SuccessfulRuns, after.FailedRuns));
        Assert.Empty(after.OpenRunIds);
        var history = await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default);
        Assert.Equal(["REJECTED", "FAILED", "SUCCEEDED"], history.Select(run => run.Status));
        Assert.All(history, run => Assert.Equal(60, run.DurationSeconds));
        Assert.Equal("Syntax error", history[1].ErrorMessage);
        var succeeded = await Schedules.HistoryAsync(Alice, schedule.Id, 50, "success", default);
        Assert.Equal("SUCCEEDED", Assert.Single(succeeded).Status);
        var latest = await Schedules.HistoryAsync(Alice, schedule.Id, 1, null, default);
        Assert.Equal("REJECTED", Assert.Single(latest).Status);
    }

    [Fact]
    public async Task Tick_ExecutionDeletedBeforeItFinished_RunIsCancelled()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick10");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        await Ticker.TickAsync(_executions, default);

        _executions.Delete(Assert.Single(_executions.Starts).ExecutionId);
        await Ticker.TickAsync(_executions, default);

        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
        Assert.Equal(
            (ScheduleRunStatus.Cancelled, "The execution was deleted"), (run.Status, run.ErrorMessage));
        Assert.Equal(1, (await Schedules.GetAsync(Alice, schedule.Id, default)).FailedRuns);
    }

    [Fact]
    public async Task Tick_ExecutionRefused_RecordsAFailedRunWithTheReason()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick11");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        _executions.FailStart = _ => new RequestValidationException("parameters.limit", "Missing value");

        var result = await Ticker.TickAsync(_executions, default);

        Assert.Equal(1, result.Fired);
        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
        Assert.Equal(ScheduleRunStatus.Failed, run.Status);
        Assert.Null(run.ExecutionId);
        Assert.Equal("Validation failed: parameters.limit: Missing value", run.ErrorMessage);
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal((1, 0, 1), (after.TotalRuns, after.SuccessfulRuns, after.FailedRuns));
        Assert.Empty(after.OpenRunIds);
        Assert.Equal(Utc(2024, 3, 3, 9, 0), after.NextRunAt);
    }

    [Fact]
    public async Task Tick_StartFailsForAPassingReason_ClaimIsTakenOverAfterTheLeaseAndRunsOnce()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick12");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        _executions.FailStart = _ => new TimeoutException("The store did not answer");

        var failed = await Ticker.TickAsync(_executions, default);
        _executions.FailStart = null;
        _host.Clock.Advance(ScheduleTicker.ClaimLease - TimeSpan.FromSeconds(1));
        var withinLease = await Ticker.TickAsync(_executions, default);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterLease = await Ticker.TickAsync(_executions, default);

        Assert.Equal((0, 1), (failed.Fired, failed.StartsDeferred));
        Assert.Equal(0, withinLease.ClaimsTakenOver);
        Assert.Equal(1, afterLease.ClaimsTakenOver);
        var start = Assert.Single(_executions.Starts);
        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
        Assert.Equal(
            (start.ScheduleRunId, start.ExecutionId, ScheduleRunStatus.Running),
            (run.Id, run.ExecutionId, run.Status));
        Assert.Equal(schedule.NextRunAt, run.ScheduledFor);
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Null(after.PendingClaim);
        Assert.Equal(1, after.TotalRuns);
    }

    [Fact]
    public async Task Tick_TickerStopsAfterStartingTheExecution_TakeOverRecordsItWithoutStartingAgain()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick13");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        _host.Store.BeforeCreate = (container, _) => container == StorageContainers.ScheduleRuns
            ? throw new IOException("The host stopped")
            : Task.CompletedTask;

        var crashed = await Ticker.TickAsync(_executions, default);
        _host.Store.BeforeCreate = null;
        _host.Clock.Advance(ScheduleTicker.ClaimLease);
        var recovered = await Ticker.TickAsync(_executions, default);

        Assert.Equal(1, crashed.Errors);
        Assert.Equal(1, recovered.ClaimsTakenOver);
        var start = Assert.Single(_executions.Starts);
        Assert.Equal(0, _executions.RepeatedStarts);
        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 50, null, default));
        Assert.Equal((start.ExecutionId, ScheduleRunStatus.Running), (run.ExecutionId, run.Status));
        Assert.Equal(1, (await Schedules.GetAsync(Alice, schedule.Id, default)).TotalRuns);
    }

    [Fact]
    public async Task Tick_TooManyRunsStillRunning_SkipsTheDueTimeAsAFailedRun()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick14");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "* * * * *"), default);
        for (var minute = 0; minute <= ScheduleTicker.MaxOpenRunsPerSchedule; minute++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            await Ticker.TickAsync(_executions, default);
        }

        var latest = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 1, null, default));
        Assert.Equal(ScheduleTicker.MaxOpenRunsPerSchedule, _executions.Starts.Count);
        Assert.Equal(ScheduleRunStatus.Failed, latest.Status);
        Assert.StartsWith("Skipped: 50 earlier runs", latest.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_ClocksGoForwardInNewYork_RunsOnceAtTheFirstValidInstant()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick15");
        _host.Clock.SetUtcNow(Utc(2024, 3, 9, 12, 0));
        var schedule = await Schedules.CreateAsync(
            Alice, Request(workflow.Id, "30 2 * * *", "America/New_York", """{"date": "today"}"""), default);

        _host.Clock.SetUtcNow(Utc(2024, 3, 10, 7, 0));
        var result = await Ticker.TickAsync(_executions, default);

        Assert.Equal(Utc(2024, 3, 10, 7, 0), schedule.NextRunAt);
        Assert.Equal(1, result.Fired);
        Assert.Equal("2024-03-10", Assert.Single(_executions.Starts).Parameters["date"].GetString());
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal(Utc(2024, 3, 11, 6, 30), after.NextRunAt);
    }

    [Fact]
    public async Task Tick_ScheduleDeletedWhileRunning_ItsRunGoesWithIt()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amctick16");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id), default);
        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        await Ticker.TickAsync(_executions, default);

        await _host.Workflows.DeleteAsync(Alice, workflow.Id, default);
        _executions.Finish(Assert.Single(_executions.Starts).ExecutionId, "SUCCEEDED", 10);
        var result = await Ticker.TickAsync(_executions, default);

        Assert.Equal((0, 0), (result.OutcomesRecorded, result.Errors));
        var runs = await _host.Store.QueryAsync<ScheduleRun>(
            StorageContainers.ScheduleRuns, DocumentQuery.All, new QueryRequest(Alice), default);
        Assert.Empty(runs.Items);
    }

    [Fact]
    public async Task DueQuery_SearchesTheNextRunAtIndexAcrossUsers()
    {
        var store = _host.Get<SqliteDocumentStore>();

        var plan = await store.ExplainQueryAsync(
            StorageContainers.Schedules,
            ScheduleTicker.DueQuery(_host.Clock.GetUtcNow()),
            new QueryRequest(null, ScheduleTicker.PageSize),
            default);
        var stalePlan = await store.ExplainQueryAsync(
            StorageContainers.Schedules,
            ScheduleTicker.StaleClaimQuery(_host.Clock.GetUtcNow()),
            new QueryRequest(null, ScheduleTicker.PageSize),
            default);
        var runningPlan = await store.ExplainQueryAsync(
            StorageContainers.ScheduleRuns,
            ScheduleTicker.RunningQuery(Guid.NewGuid().ToString()),
            new QueryRequest(null, ScheduleTicker.PageSize),
            default);

        Assert.Equal(["SEARCH d USING INDEX ixf_schedules__next_run_at (container=? AND <expr><?)"], plan);
        Assert.Equal(
            ["SEARCH d USING INDEX ixf_schedules__pending_claim__claimed_at (container=? AND <expr><?)"],
            stalePlan);
        Assert.Equal(
            ["SEARCH d USING INDEX ixf_schedule_runs__status (container=? AND <expr>=?)"], runningPlan);
    }
}
