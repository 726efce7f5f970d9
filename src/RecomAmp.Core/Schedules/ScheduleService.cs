using Microsoft.Extensions.Logging;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// A user's schedules: list, read, create, change, pause, resume, delete, and their run history. A schedule
/// runs one of its owner's workflows; another user's schedule is reported as not found. The runs themselves
/// are started by <see cref="ScheduleTicker"/>.
/// </summary>
public sealed class ScheduleService(
    IDocumentStore store,
    ScheduleRecords records,
    ScheduleCleanup cleanup,
    WorkflowService workflows,
    TimeProvider timeProvider,
    ILogger<ScheduleService> logger)
{
    public const int MaxNameLength = 200;
    public const int MaxIdLength = 200;
    public const int MaxDataLagDays = 365;
    public const int MaxSchedulesPerUser = 500;
    public const int DefaultHistoryLimit = 50;
    public const int MaxHistoryLimit = 500;

    private const string Container = StorageContainers.Schedules;
    private const string NoSuchWorkflow = "No such workflow";

    /// <summary>The user's schedules, newest first, optionally only active ones or one workflow's.</summary>
    public async Task<IReadOnlyList<Schedule>> ListAsync(
        string userId, bool activeOnly, string? workflowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var query = DocumentQuery.All.OrderedBy("created_at", descending: true);
        if (activeOnly)
        {
            query = query.Where(QueryCondition.Equal("is_active", true));
        }

        if (!string.IsNullOrEmpty(workflowId))
        {
            query = query.Where(QueryCondition.Equal("workflow_id", workflowId));
        }

        var schedules = new List<Schedule>();
        string? continuation = null;
        do
        {
            var request = new QueryRequest(userId, MaxSchedulesPerUser, continuation);
            var page = await store.QueryAsync<Schedule>(Container, query, request, cancellationToken);
            schedules.AddRange(page.Items.Select(item => item.Document));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return schedules;
    }

    /// <summary>One of the user's schedules.</summary>
    /// <exception cref="ResourceNotFoundException">No such schedule for this user.</exception>
    public async Task<Schedule> GetAsync(
        string userId, string scheduleId, CancellationToken cancellationToken)
    {
        var stored = await records.FindAsync(userId, scheduleId, cancellationToken);
        return stored?.Document ?? throw NotFound();
    }

    /// <summary>
    /// Creates a schedule for one of the user's workflows; when active, its next run is the first occurrence
    /// of the cron expression after now, in its time zone.
    /// </summary>
    /// <exception cref="RequestValidationException">
    /// A field is missing or invalid (the cron expression and time zone with the reason), a parameter holds
    /// an unknown relative date, or <c>workflow_id</c> is not one of the user's workflows.
    /// </exception>
    /// <exception cref="RuleViolationException">The user already has the most schedules allowed.</exception>
    public async Task<Schedule> CreateAsync(
        string userId, CreateScheduleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        errors.Required("name", request.Name, MaxNameLength);
        errors.Required("workflow_id", request.WorkflowId, MaxIdLength);
        var cron = CheckCron(errors, request.CronExpression);
        var timeZone = request.Timezone ?? await UserTimeZoneAsync(userId, cancellationToken);
        var zone = CheckTimeZone(errors, timeZone);
        ScheduleParameters.Validate(errors, request.Parameters);
        CheckDataLag(errors, request.DataLagDays);
        var isActive = request.IsActive ?? true;
        var now = timeProvider.GetUtcNow();
        if (errors.IsEmpty && !await WorkflowExistsAsync(userId, request.WorkflowId!, cancellationToken))
        {
            errors.Add("workflow_id", NoSuchWorkflow);
        }

        errors.ThrowIfAny();

        var count = await store.CountAsync(Container, DocumentQuery.All, userId, cancellationToken);
        if (count >= MaxSchedulesPerUser)
        {
            throw new RuleViolationException($"A user can have at most {MaxSchedulesPerUser} schedules");
        }

        var schedule = new Schedule(
            Id: Guid.NewGuid().ToString(),
            UserId: userId,
            WorkflowId: request.WorkflowId!,
            Name: request.Name!.Trim(),
            CronExpression: cron!.Expression,
            Timezone: zone!.Id,
            Parameters: WorkflowParameters.Detach(request.Parameters),
            DataLagDays: request.DataLagDays ?? 0,
            IsActive: isActive,
            NextRunAt: isActive ? cron.NextAfter(now, zone) : null,
            LastRunAt: null,
            TotalRuns: 0,
            SuccessfulRuns: 0,
            FailedRuns: 0,
            OpenRunIds: [],
            PendingClaim: null,
            CreatedAt: now,
            UpdatedAt: now);
        var stored = await store.CreateAsync(Container, userId, schedule.Id, schedule, cancellationToken);

        // A workflow deleted between the check above and this write may have swept its schedules already;
        // this one removes itself rather than run a workflow that no longer exists.
        if (!await WorkflowExistsAsync(userId, schedule.WorkflowId, cancellationToken))
        {
            await cleanup.DeleteAsync(userId, schedule.Id, cancellationToken);
            throw new RequestValidationException("workflow_id", NoSuchWorkflow);
        }

        SchedulesLog.ScheduleCreated(logger, schedule.Id, schedule.WorkflowId, userId, schedule.NextRunAt);
        return stored.Document;
    }

    /// <summary>
    /// Changes the fields the request gives, checked as on create. A new cron expression or time zone, or a
    /// schedule made active again, gets its next run computed from now; a schedule made inactive has none.
    /// </summary>
    /// <exception cref="RequestValidationException">A given field is invalid.</exception>
    /// <exception cref="ResourceNotFoundException">No such schedule for this user.</exception>
    /// <exception cref="ResourceConflictException">The schedule kept changing meanwhile.</exception>
    public async Task<Schedule> UpdateAsync(
        string userId, string scheduleId, UpdateScheduleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            errors.Required("name", request.Name, MaxNameLength);
        }

        var cron = request.CronExpression is null ? null : CheckCron(errors, request.CronExpression);
        var zone = request.Timezone is null ? null : CheckTimeZone(errors, request.Timezone);
        ScheduleParameters.Validate(errors, request.Parameters);
        CheckDataLag(errors, request.DataLagDays);
        errors.ThrowIfAny();

        var parameters = request.Parameters is null ? null : WorkflowParameters.Detach(request.Parameters);
        var updated = await ChangeAsync(
            userId,
            scheduleId,
            current =>
            {
                var isActive = request.IsActive ?? current.IsActive;
                var newCron = cron ?? CronSchedule.Parse(current.CronExpression);
                var newZone = zone ?? ScheduleTimeZones.Find(current.Timezone);
                var timingChanged = newCron.Expression != current.CronExpression
                    || newZone.Id != current.Timezone;
                var nextRunAt = current.NextRunAt;
                if (!isActive)
                {
                    nextRunAt = null;
                }
                else if (!current.IsActive || timingChanged || nextRunAt is null)
                {
                    nextRunAt = RequireNextRunAt(newCron, newZone);
                }

                return current with
                {
                    Name = request.Name?.Trim() ?? current.Name,
                    CronExpression = newCron.Expression,
                    Timezone = newZone.Id,
                    Parameters = parameters ?? current.Parameters,
                    DataLagDays = request.DataLagDays ?? current.DataLagDays,
                    IsActive = isActive,
                    NextRunAt = nextRunAt,
                    UpdatedAt = timeProvider.GetUtcNow(),
                };
            },
            cancellationToken);
        SchedulesLog.ScheduleUpdated(logger, scheduleId, userId, updated.IsActive, updated.NextRunAt);
        return updated;
    }

    /// <summary>
    /// Stops future runs: the schedule has no next run until resumed. Runs already started go on and their
    /// outcomes are still recorded. Pausing a paused schedule changes nothing.
    /// </summary>
    /// <exception cref="ResourceNotFoundException">No such schedule for this user.</exception>
    public async Task<Schedule> PauseAsync(
        string userId, string scheduleId, CancellationToken cancellationToken)
    {
        var paused = await ChangeAsync(
            userId,
            scheduleId,
            current => current.IsActive || current.NextRunAt is not null
                ? current with { IsActive = false, NextRunAt = null, UpdatedAt = timeProvider.GetUtcNow() }
                : null,
            cancellationToken);
        SchedulesLog.SchedulePaused(logger, scheduleId, userId);
        return paused;
    }

    /// <summary>
    /// Makes the schedule active with its next run at the first occurrence after now: due times missed while
    /// paused are not run. Resuming an active schedule changes nothing.
    /// </summary>
    /// <exception cref="ResourceNotFoundException">No such schedule for this user.</exception>
    /// <exception cref="RuleViolationException">The cron expression has no occurrence after now.</exception>
    public async Task<Schedule> ResumeAsync(
        string userId, string scheduleId, CancellationToken cancellationToken)
    {
        var resumed = await ChangeAsync(
            userId,
            scheduleId,
            current => current.IsActive && current.NextRunAt is not null
                ? null
                : current with
                {
                    IsActive = true,
                    NextRunAt = RequireNextRunAt(
                        CronSchedule.Parse(current.CronExpression), ScheduleTimeZones.Find(current.Timezone)),
                    UpdatedAt = timeProvider.GetUtcNow(),
                },
            cancellationToken);
        SchedulesLog.ScheduleResumed(logger, scheduleId, userId, resumed.NextRunAt);
        return resumed;
    }

    /// <summary>Deletes the schedule and its run history; the executions it started stay.</summary>
    /// <exception cref="ResourceNotFoundException">No such schedule for this user.</exception>
    public async Task DeleteAsync(string userId, string scheduleId, CancellationToken cancellationToken)
    {
        _ = await records.FindAsync(userId, scheduleId, cancellationToken) ?? throw NotFound();
        if (!await cleanup.DeleteAsync(userId, scheduleId, cancellationToken))
        {
            throw NotFound();
        }
    }

    /// <summary>
    /// The schedule's runs, newest first, optionally of one status (SUCCESS means SUCCEEDED).
    /// </summary>
    /// <exception cref="RequestValidationException"><c>limit</c> or <c>status</c> is invalid.</exception>
    /// <exception cref="ResourceNotFoundException">No such schedule for this user.</exception>
    public async Task<IReadOnlyList<ScheduleRun>> HistoryAsync(
        string userId, string scheduleId, int limit, string? status, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MaxHistoryLimit)
        {
            errors.Add("limit", $"Must be between 1 and {MaxHistoryLimit}");
        }

        string? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            statusFilter = ScheduleRunStatus.ParseFilter(status);
            if (statusFilter is null)
            {
                errors.Add("status", $"Must be one of {string.Join(", ", ScheduleRunStatus.All)} "
                    + $"(or {ScheduleRunStatus.SucceededAlias})");
            }
        }

        errors.ThrowIfAny();
        _ = await records.FindAsync(userId, scheduleId, cancellationToken) ?? throw NotFound();

        var query = DocumentQuery.All
            .Where(QueryCondition.Equal("schedule_id", scheduleId))
            .OrderedBy("scheduled_for", descending: true);
        if (statusFilter is not null)
        {
            query = query.Where(QueryCondition.Equal("status", statusFilter));
        }

        var page = await store.QueryAsync<ScheduleRun>(
            StorageContainers.ScheduleRuns, query, new QueryRequest(userId, limit), cancellationToken);
        return [.. page.Items.Select(item => item.Document)];
    }

    private async Task<Schedule> ChangeAsync(
        string userId,
        string scheduleId,
        Func<Schedule, Schedule?> change,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(scheduleId, out _))
        {
            throw NotFound();
        }

        try
        {
            return await records.UpdateAsync(userId, scheduleId, change, cancellationToken)
                ?? throw NotFound();
        }
        catch (DocumentPreconditionFailedException)
        {
            throw new ResourceConflictException("The schedule changed while it was being updated; try again");
        }
    }

    private DateTimeOffset RequireNextRunAt(CronSchedule cron, TimeZoneInfo zone) =>
        cron.NextAfter(timeProvider.GetUtcNow(), zone)
        ?? throw new RuleViolationException("The cron expression has no occurrence after now");

    private CronSchedule? CheckCron(ValidationErrors errors, string? text)
    {
        if (!CronSchedule.TryParse(text, out var cron, out var problem))
        {
            errors.Add("cron_expression", problem!);
            return null;
        }

        // A time zone moves occurrences by hours, so one that never comes again in UTC never comes anywhere.
        if (cron!.NextAfter(timeProvider.GetUtcNow(), TimeZoneInfo.Utc) is null)
        {
            errors.Add("cron_expression", "The expression has no occurrence after now");
            return null;
        }

        return cron;
    }

    private static TimeZoneInfo? CheckTimeZone(ValidationErrors errors, string? name)
    {
        if (ScheduleTimeZones.TryFind(name, out var zone, out var problem))
        {
            return zone;
        }

        errors.Add("timezone", problem!);
        return null;
    }

    private static void CheckDataLag(ValidationErrors errors, int? days)
    {
        if (days is < 0 or > MaxDataLagDays)
        {
            errors.Add("data_lag_days", $"Must be between 0 and {MaxDataLagDays}");
        }
    }

    private async Task<bool> WorkflowExistsAsync(
        string userId, string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.GetAsync(userId, workflowId, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private async Task<string> UserTimeZoneAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await store.ReadAsync<UserDocument>(
            StorageContainers.Users, userId, userId, cancellationToken);
        return string.IsNullOrWhiteSpace(user?.Document.Timezone) ? "UTC" : user.Document.Timezone;
    }

    private static ResourceNotFoundException NotFound() => new("Schedule");
}
