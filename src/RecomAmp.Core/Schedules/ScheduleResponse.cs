using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// A schedule as the API returns it. <c>cron_notes</c> holds sentences that explain where the cron expression
/// behaves other than it may seem to (<see cref="CronSchedule.Notes"/>), and is empty when there is nothing
/// to say.
/// </summary>
public sealed record ScheduleResponse(
    string Id,
    string Name,
    string WorkflowId,
    string CronExpression,
    string Timezone,
    bool IsActive,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    int DataLagDays,
    int TotalRuns,
    int SuccessfulRuns,
    int FailedRuns,
    IReadOnlyList<string> CronNotes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ScheduleResponse From(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var notes = CronSchedule.TryParse(schedule.CronExpression, out var cron, out _) ? cron!.Notes : [];
        return new ScheduleResponse(
            schedule.Id,
            schedule.Name,
            schedule.WorkflowId,
            schedule.CronExpression,
            schedule.Timezone,
            schedule.IsActive,
            schedule.NextRunAt,
            schedule.LastRunAt,
            schedule.Parameters,
            schedule.DataLagDays,
            schedule.TotalRuns,
            schedule.SuccessfulRuns,
            schedule.FailedRuns,
            notes,
            schedule.CreatedAt,
            schedule.UpdatedAt);
    }
}
