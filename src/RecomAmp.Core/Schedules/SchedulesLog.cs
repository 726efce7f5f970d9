using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Schedules;

internal static partial class SchedulesLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} created for workflow {WorkflowId} by user {UserId}; "
            + "next run {NextRunAt}")]
    public static partial void ScheduleCreated(
        ILogger logger, string scheduleId, string workflowId, string userId, DateTimeOffset? nextRunAt);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} of user {UserId} updated; active {IsActive}, next run {NextRunAt}")]
    public static partial void ScheduleUpdated(
        ILogger logger, string scheduleId, string userId, bool isActive, DateTimeOffset? nextRunAt);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} of user {UserId} paused")]
    public static partial void SchedulePaused(ILogger logger, string scheduleId, string userId);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} of user {UserId} resumed; next run {NextRunAt}")]
    public static partial void ScheduleResumed(
        ILogger logger, string scheduleId, string userId, DateTimeOffset? nextRunAt);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} of user {UserId} deleted with its runs")]
    public static partial void ScheduleDeleted(ILogger logger, string scheduleId, string userId);

    [LoggerMessage(EventId = 3310, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} fired for {DueAt}: run {RunId}, execution {ExecutionId}, {Status}")]
    public static partial void ScheduleFired(
        ILogger logger,
        string scheduleId,
        string runId,
        string? executionId,
        DateTimeOffset dueAt,
        string status);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Debug,
        Message = "Schedule {ScheduleId} due at {DueAt} was claimed by another ticker or changed; skipped")]
    public static partial void ClaimLost(ILogger logger, string scheduleId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 3312, Level = LogLevel.Warning,
        Message = "Run {RunId} of schedule {ScheduleId} could not start: {Reason}")]
    public static partial void RunNotStarted(ILogger logger, string scheduleId, string runId, string reason);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Warning,
        Message = "Starting run {RunId} of schedule {ScheduleId} failed (attempt {Attempt}); a later tick "
            + "retries it after the claim lease")]
    public static partial void StartDeferred(
        ILogger logger, Exception exception, string scheduleId, string runId, int attempt);

    [LoggerMessage(EventId = 3314, Level = LogLevel.Warning,
        Message = "Took over the stale claim of schedule {ScheduleId} for {DueAt} "
            + "(run {RunId}, attempt {Attempt})")]
    public static partial void ClaimTakenOver(
        ILogger logger, string scheduleId, string runId, DateTimeOffset dueAt, int attempt);

    [LoggerMessage(EventId = 3315, Level = LogLevel.Information,
        Message = "Run {RunId} of schedule {ScheduleId} finished: {Status}")]
    public static partial void RunFinished(ILogger logger, string scheduleId, string runId, string status);

    [LoggerMessage(EventId = 3317, Level = LogLevel.Error,
        Message = "A tick step for schedule {ScheduleId} failed; a later tick picks it up again")]
    public static partial void StepFailed(ILogger logger, Exception exception, string scheduleId);

    [LoggerMessage(EventId = 3316, Level = LogLevel.Debug,
        Message = "Schedules tick: {Due} due, {Fired} fired, {ClaimsLost} claimed elsewhere, "
            + "{TakenOver} taken over, {OutcomesRecorded} outcomes recorded")]
    public static partial void Ticked(
        ILogger logger, int due, int fired, int claimsLost, int takenOver, int outcomesRecorded);
}
