using System.Text.Json;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// What the timer trigger does every minute: fire the due schedules, each due time exactly once however many
/// hosts tick at the same moment, and record the outcomes of runs whose executions have finished.
/// </summary>
/// <remarks>
/// <para>
/// Due schedules are found by an indexed query on <c>next_run_at</c> (see
/// <see cref="StorageContainers.IndexedFields"/>). A schedule is claimed by replacing it with the ETag it was
/// read with, which only one ticker can do: the write moves <c>next_run_at</c> to the first occurrence after
/// now, so a schedule that missed several due times while the app was down runs once, and it records the
/// claim (run id, execution id, due time). The winner then starts the execution, stores the run record and
/// releases the claim, counting the run.
/// </para>
/// <para>
/// A ticker that stops between its claim and the release leaves the claim on the schedule. Once the claim is
/// older than <see cref="ClaimLease"/>, a later tick takes it over (again with a conditional write), looks up
/// the execution by its reserved id, starts it only if it does not exist, and records the run. An execution
/// is therefore started at most once per due time; a ticker that stalls longer than the lease after its own
/// claim loses the race to record the run to the one that took it over, which finds the same execution.
/// </para>
/// </remarks>
public sealed class ScheduleTicker(
    IDocumentStore store, ScheduleRecords records, TimeProvider timeProvider, ILogger<ScheduleTicker> logger)
{
    /// <summary>How long a claim may stay unreleased before another ticker takes it over.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Due schedules read per query.</summary>
    public const int PageSize = 100;

    /// <summary>The most due schedules one tick looks at; the rest are fired by the next tick.</summary>
    public const int MaxDuePerTick = 5000;

    /// <summary>
    /// The most running runs one tick checks for an outcome; the rest are checked by the next.
    /// </summary>
    public const int MaxOpenRunsPerTick = 1000;

    /// <summary>
    /// Runs of one schedule that may be running at once; a due time beyond it is recorded as a failed run
    /// without starting an execution, rather than piling executions up on AMC.
    /// </summary>
    public const int MaxOpenRunsPerSchedule = 50;

    /// <summary>How many times a run whose start keeps failing for a passing reason is tried.</summary>
    public const int MaxStartAttempts = 3;

    private const string Schedules = StorageContainers.Schedules;
    private const string Runs = StorageContainers.ScheduleRuns;
    private const int Parallelism = 8;

    private static readonly ScheduledExecutionState _deletedExecution =
        new(ScheduleRunStatus.Cancelled, IsTerminal: true, DurationSeconds: null,
            "The execution was deleted");

    /// <summary>Fires every due schedule once, takes over stale claims and records finished runs.</summary>
    /// <param name="executions">Starts and reads the runs' executions.</param>
    /// <param name="cancellationToken">
    /// Stops the tick between steps; a claim made is completed by a later one.
    /// </param>
    public async Task<ScheduleTickResult> TickAsync(
        IScheduleExecutions executions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executions);
        var now = timeProvider.GetUtcNow();
        var tally = new Tally();

        await TakeOverStaleClaimsAsync(executions, now, tally, cancellationToken);
        await FireDueAsync(executions, now, tally, cancellationToken);
        await RecordOutcomesAsync(executions, tally, cancellationToken);

        var result = tally.Result();
        SchedulesLog.Ticked(
            logger,
            result.Due,
            result.Fired,
            result.ClaimsLost,
            result.ClaimsTakenOver,
            result.OutcomesRecorded);
        return result;
    }

    /// <summary>
    /// Active schedules due at <paramref name="now"/>, earliest first: a range of the <c>next_run_at</c>
    /// index across all users.
    /// </summary>
    public static DocumentQuery DueQuery(DateTimeOffset now) =>
        DocumentQuery.All
            .Where(QueryCondition.LessThan(
                "next_run_at", UtcTimestampJsonConverter.ToText(now), inclusive: true))
            .Where(QueryCondition.Equal("is_active", true))
            .OrderedBy("next_run_at");

    /// <summary>
    /// Schedules whose claim is older than the lease at <paramref name="now"/>, oldest first.
    /// </summary>
    internal static DocumentQuery StaleClaimQuery(DateTimeOffset now) =>
        DocumentQuery.All
            .Where(QueryCondition.LessThan(
                "pending_claim.claimed_at",
                UtcTimestampJsonConverter.ToText(now - ClaimLease),
                inclusive: true))
            .OrderedBy("pending_claim.claimed_at");

    /// <summary>
    /// Runs whose execution has not finished, in id order, after <paramref name="afterId"/>.
    /// </summary>
    internal static DocumentQuery RunningQuery(string? afterId)
    {
        var query = DocumentQuery.All.Where(QueryCondition.Equal("status", ScheduleRunStatus.Running));
        return afterId is null ? query : query.Where(QueryCondition.GreaterThan("id", afterId));
    }

    private async Task FireDueAsync(
        IScheduleExecutions executions, DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        // Always the first page: claimed schedules leave the range, so the next ones move up. A schedule that
        // stays due (its claim is held by another ticker) is looked at once per tick.
        var seen = new HashSet<(string, string)>();
        while (seen.Count < MaxDuePerTick)
        {
            var page = await store.QueryAsync<Schedule>(
                Schedules, DueQuery(now), new QueryRequest(null, PageSize), cancellationToken);
            var fresh = page.Items.Where(item => seen.Add((item.Document.UserId, item.Document.Id))).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            Interlocked.Add(ref tally.Due, fresh.Count);
            await Parallel.ForEachAsync(
                fresh,
                InParallel(cancellationToken),
                async (item, token) => await IsolatedAsync(
                    item.Document, tally, () => FireAsync(item, executions, now, tally, token)));

            if (page.ContinuationToken is null)
            {
                return;
            }
        }
    }

    private async Task FireAsync(
        StoredDocument<Schedule> item,
        IScheduleExecutions executions,
        DateTimeOffset now,
        Tally tally,
        CancellationToken cancellationToken)
    {
        var schedule = item.Document;
        if (!schedule.IsActive || schedule.NextRunAt is not { } dueAt || dueAt > now)
        {
            return;
        }

        // The previous due time is still being recorded; this one fires once that claim is released (or taken
        // over after the lease).
        if (schedule.PendingClaim is not null)
        {
            return;
        }

        var claim = new ScheduleClaim(
            RunId: Guid.NewGuid().ToString(),
            ExecutionId: Guid.NewGuid().ToString(),
            DueAt: dueAt,
            ClaimedAt: now,
            Attempts: 1);
        var claimed = schedule with
        {
            NextRunAt = NextRunAfter(schedule, now),
            LastRunAt = dueAt,
            PendingClaim = claim,
        };

        StoredDocument<Schedule> stored;
        try
        {
            stored = await store.ReplaceAsync(
                Schedules, schedule.UserId, schedule.Id, claimed, item.ETag, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            // Another ticker claimed it first, or its owner changed or deleted it since it was read.
            SchedulesLog.ClaimLost(logger, schedule.Id, dueAt);
            Interlocked.Add(ref tally.ClaimsLost, 1);
            return;
        }

        if (await CompleteClaimAsync(stored.Document, executions, now, cancellationToken))
        {
            Interlocked.Add(ref tally.Fired, 1);
        }
        else
        {
            Interlocked.Add(ref tally.StartsDeferred, 1);
        }
    }

    private async Task TakeOverStaleClaimsAsync(
        IScheduleExecutions executions, DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string)>();
        while (seen.Count < MaxDuePerTick)
        {
            var page = await store.QueryAsync<Schedule>(
                Schedules, StaleClaimQuery(now), new QueryRequest(null, PageSize), cancellationToken);
            var fresh = page.Items.Where(item => seen.Add((item.Document.UserId, item.Document.Id))).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            foreach (var item in fresh)
            {
                await IsolatedAsync(item.Document, tally, async () =>
                {
                    if (await TakeOverAsync(item, executions, now, cancellationToken))
                    {
                        Interlocked.Add(ref tally.ClaimsTakenOver, 1);
                    }
                });
            }

            if (page.ContinuationToken is null)
            {
                return;
            }
        }
    }

    private async Task<bool> TakeOverAsync(
        StoredDocument<Schedule> item,
        IScheduleExecutions executions,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var schedule = item.Document;
        if (schedule.PendingClaim is not { } claim || claim.ClaimedAt > now - ClaimLease)
        {
            return false;
        }

        var taken = schedule with
        {
            PendingClaim = claim with { ClaimedAt = now, Attempts = claim.Attempts + 1 },
        };
        StoredDocument<Schedule> stored;
        try
        {
            stored = await store.ReplaceAsync(
                Schedules, schedule.UserId, schedule.Id, taken, item.ETag, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            return false;
        }

        SchedulesLog.ClaimTakenOver(logger, schedule.Id, claim.RunId, claim.DueAt, claim.Attempts);
        return await CompleteClaimAsync(stored.Document, executions, now, cancellationToken);
    }

    /// <summary>
    /// Starts the claimed run's execution unless it exists already, records the run and releases the claim.
    /// </summary>
    /// <returns>
    /// False when the start failed for a passing reason and the claim stays for a later tick.
    /// </returns>
    private async Task<bool> CompleteClaimAsync(
        Schedule schedule,
        IScheduleExecutions executions,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var claim = schedule.PendingClaim!;
        var recorded = await records.FindRunAsync(schedule.UserId, claim.RunId, cancellationToken);
        if (recorded is null)
        {
            var run = await StartRunAsync(schedule, claim, executions, now, cancellationToken);
            if (run is null)
            {
                return false;
            }

            if (!await records.TryCreateRunAsync(run, cancellationToken))
            {
                run = await records.FindRunAsync(schedule.UserId, claim.RunId, cancellationToken) ?? run;
            }

            recorded = run;
        }

        await ReleaseAsync(schedule, recorded, cancellationToken);
        return true;
    }

    /// <summary>The run record for a claim, its execution started; null to try again later.</summary>
    private async Task<ScheduleRun?> StartRunAsync(
        Schedule schedule,
        ScheduleClaim claim,
        IScheduleExecutions executions,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var run = new ScheduleRun(
            Id: claim.RunId,
            UserId: schedule.UserId,
            ScheduleId: schedule.Id,
            WorkflowId: schedule.WorkflowId,
            ExecutionId: claim.ExecutionId,
            Status: ScheduleRunStatus.Running,
            ScheduledFor: claim.DueAt,
            Parameters: new Dictionary<string, JsonElement>(),
            DurationSeconds: null,
            ErrorMessage: null,
            CreatedAt: now,
            CompletedAt: null);

        // A ticker that took the claim over may find the execution already started by the first one.
        if (claim.Attempts > 1
            && await executions.FindAsync(schedule.UserId, claim.ExecutionId, cancellationToken) is { } state)
        {
            return state.IsTerminal ? Finished(run, state, now) : run;
        }

        if (claim.Attempts > MaxStartAttempts)
        {
            return Failed(run, now, $"The execution could not be started in {MaxStartAttempts} attempts");
        }

        if (schedule.OpenRunIds.Count >= MaxOpenRunsPerSchedule)
        {
            return Failed(run, now, $"Skipped: {schedule.OpenRunIds.Count} earlier runs of this schedule are "
                + "still running");
        }

        IReadOnlyDictionary<string, JsonElement> parameters;
        try
        {
            parameters = ScheduleParameters.Resolve(
                schedule.Parameters, ScheduleTimeZones.Find(schedule.Timezone), now, schedule.DataLagDays);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Failed(run, now, ex.Message);
        }

        run = run with { Parameters = parameters };
        try
        {
            await StartExecutionAsync(executions, schedule, claim, parameters, cancellationToken);
            return run;
        }
        catch (ApiException ex)
        {
            SchedulesLog.RunNotStarted(logger, schedule.Id, claim.RunId, ex.Message);
            return Failed(run, now, Describe(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulesLog.StartDeferred(logger, ex, schedule.Id, claim.RunId, claim.Attempts);
            return null;
        }
    }

    /// <summary>The one step that hands a scheduled run to the executions.</summary>
    private static Task StartExecutionAsync(
        IScheduleExecutions executions,
        Schedule schedule,
        ScheduleClaim claim,
        IReadOnlyDictionary<string, JsonElement> parameters,
        CancellationToken cancellationToken) =>
        executions.StartAsync(
            new ScheduledExecutionRequest(
                schedule.UserId,
                schedule.WorkflowId,
                claim.ExecutionId,
                schedule.Id,
                claim.RunId,
                parameters,
                schedule.Timezone),
            cancellationToken);

    /// <summary>Clears the claim and counts the run; deletes the run when the schedule is gone.</summary>
    private async Task ReleaseAsync(Schedule schedule, ScheduleRun run, CancellationToken cancellationToken)
    {
        var released = await records.UpdateAsync(
            schedule.UserId,
            schedule.Id,
            current => current.PendingClaim?.RunId == run.Id
                ? Count(current, run) with { PendingClaim = null }
                : null,
            cancellationToken);
        if (released is null)
        {
            await records.DeleteRunAsync(run.UserId, run.Id, cancellationToken);
            return;
        }

        SchedulesLog.ScheduleFired(
            logger, schedule.Id, run.Id, run.ExecutionId, run.ScheduledFor, run.Status);
    }

    private async Task RecordOutcomesAsync(
        IScheduleExecutions executions, Tally tally, CancellationToken cancellationToken)
    {
        string? afterId = null;
        var checkedRuns = 0;
        while (checkedRuns < MaxOpenRunsPerTick)
        {
            var page = await store.QueryAsync<ScheduleRun>(
                Runs, RunningQuery(afterId), new QueryRequest(null, PageSize), cancellationToken);
            if (page.Items.Count == 0)
            {
                return;
            }

            checkedRuns += page.Items.Count;
            afterId = page.Items[^1].Document.Id;
            await Parallel.ForEachAsync(
                page.Items,
                InParallel(cancellationToken),
                async (item, token) => await IsolatedAsync(item.Document.ScheduleId, tally, async () =>
                {
                    if (await RecordOutcomeAsync(item.Document, executions, token))
                    {
                        Interlocked.Add(ref tally.OutcomesRecorded, 1);
                    }
                }));

            if (page.ContinuationToken is null)
            {
                return;
            }
        }
    }

    private async Task<bool> RecordOutcomeAsync(
        ScheduleRun run, IScheduleExecutions executions, CancellationToken cancellationToken)
    {
        var state = await executions.FindAsync(run.UserId, run.ExecutionId!, cancellationToken);
        if (state is { IsTerminal: false })
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var finished = Finished(run, state ?? _deletedExecution, now);

        // The schedule counts a run only while it lists it as open, so a run is counted once whichever
        // ticker gets here first, and a crash before the run record is updated cannot count it twice. A run
        // whose claim is not released yet is left for a later tick: the release is what lists it as open.
        var claimHeld = false;
        var schedule = await records.UpdateAsync(
            run.UserId,
            run.ScheduleId,
            current =>
            {
                claimHeld = current.PendingClaim?.RunId == run.Id;
                return !claimHeld && current.OpenRunIds.Contains(run.Id)
                    ? Count(current with { OpenRunIds = [.. current.OpenRunIds.Where(id => id != run.Id)] },
                        finished)
                    : null;
            },
            cancellationToken);
        if (schedule is null)
        {
            await records.DeleteRunAsync(run.UserId, run.Id, cancellationToken);
            return false;
        }

        if (claimHeld)
        {
            return false;
        }

        await records.UpdateRunAsync(
            run.UserId,
            run.Id,
            current => current.Status == ScheduleRunStatus.Running
                ? current with
                {
                    Status = finished.Status,
                    DurationSeconds = finished.DurationSeconds,
                    ErrorMessage = finished.ErrorMessage,
                    CompletedAt = finished.CompletedAt,
                }
                : null,
            cancellationToken);
        SchedulesLog.RunFinished(logger, run.ScheduleId, run.Id, finished.Status);
        return true;
    }

    private Task IsolatedAsync(Schedule schedule, Tally tally, Func<Task> step) =>
        IsolatedAsync(schedule.Id, tally, step);

    /// <summary>
    /// Runs one schedule's step so that its failure does not stop the others: a claim it leaves behind is
    /// taken over after the lease, and a run whose outcome was not recorded is looked at again next tick.
    /// </summary>
    private async Task IsolatedAsync(string scheduleId, Tally tally, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulesLog.StepFailed(logger, ex, scheduleId);
            Interlocked.Increment(ref tally.Errors);
        }
    }

    /// <summary>
    /// The schedule with a run counted: a new run adds to the total and, while running, to the open runs; a
    /// finished one adds to the successes or failures.
    /// </summary>
    private static Schedule Count(Schedule schedule, ScheduleRun run)
    {
        var isNew = schedule.PendingClaim?.RunId == run.Id;
        return schedule with
        {
            TotalRuns = schedule.TotalRuns + (isNew ? 1 : 0),
            OpenRunIds = isNew && run.Status == ScheduleRunStatus.Running
                ? [.. schedule.OpenRunIds, run.Id]
                : schedule.OpenRunIds,
            SuccessfulRuns = schedule.SuccessfulRuns + (run.Status == ScheduleRunStatus.Succeeded ? 1 : 0),
            FailedRuns = schedule.FailedRuns
                + (run.Status is ScheduleRunStatus.Running or ScheduleRunStatus.Succeeded ? 0 : 1),
        };
    }

    private static ParallelOptions InParallel(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static DateTimeOffset? NextRunAfter(Schedule schedule, DateTimeOffset now) =>
        CronSchedule.TryParse(schedule.CronExpression, out var cron, out _)
        && ScheduleTimeZones.TryFind(schedule.Timezone, out var zone, out _)
            ? cron!.NextAfter(now, zone!)
            : null;

    private static ScheduleRun Finished(ScheduleRun run, ScheduledExecutionState state, DateTimeOffset now) =>
        run with
        {
            Status = ScheduleRunStatus.All.Contains(state.Status) && state.Status != ScheduleRunStatus.Running
                ? state.Status
                : ScheduleRunStatus.Failed,
            DurationSeconds = state.DurationSeconds,
            ErrorMessage = state.ErrorMessage,
            CompletedAt = now,
        };

    private static ScheduleRun Failed(ScheduleRun run, DateTimeOffset now, string reason) =>
        run with
        {
            ExecutionId = null,
            Status = ScheduleRunStatus.Failed,
            ErrorMessage = reason,
            CompletedAt = now,
        };

    private static string Describe(ApiException exception)
    {
        if (exception.Errors is not { Count: > 0 } errors)
        {
            return exception.Message;
        }

        var details = errors.SelectMany(error => error.Value.Select(message => $"{error.Key}: {message}"));
        return $"{exception.Message}: {string.Join("; ", details)}";
    }

    /// <summary>Counts shared by the tick's parallel steps.</summary>
    private sealed class Tally
    {
        public int Due;
        public int Fired;
        public int ClaimsLost;
        public int StartsDeferred;
        public int ClaimsTakenOver;
        public int OutcomesRecorded;
        public int Errors;

        public ScheduleTickResult Result() =>
            new(Due, Fired, ClaimsLost, StartsDeferred, ClaimsTakenOver, OutcomesRecorded, Errors);
    }
}
