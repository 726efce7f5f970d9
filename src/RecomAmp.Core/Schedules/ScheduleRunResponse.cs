using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>A schedule run as the history route returns it.</summary>
public sealed record ScheduleRunResponse(
    string Id,
    string ScheduleId,
    string? ExecutionId,
    string Status,
    long? DurationSeconds,
    DateTimeOffset ScheduledFor,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static ScheduleRunResponse From(ScheduleRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ScheduleRunResponse(
            run.Id,
            run.ScheduleId,
            run.ExecutionId,
            run.Status,
            run.DurationSeconds,
            run.ScheduledFor,
            run.Parameters,
            run.ErrorMessage,
            run.CreatedAt,
            run.CompletedAt);
    }
}
