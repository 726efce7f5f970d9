using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// One run of a schedule, as stored in <see cref="Storage.StorageContainers.ScheduleRuns"/> (partitioned by
/// <see cref="UserId"/>).
/// </summary>
/// <param name="Id">Our id of the run (a UUID).</param>
/// <param name="UserId">The owner.</param>
/// <param name="ScheduleId">The schedule that fired.</param>
/// <param name="WorkflowId">The workflow it ran.</param>
/// <param name="ExecutionId">The execution it started, or null when it could not start one.</param>
/// <param name="Status">One of <see cref="ScheduleRunStatus"/>.</param>
/// <param name="ScheduledFor">The due time it ran for (UTC).</param>
/// <param name="Parameters">The values the execution was started with, relative dates resolved.</param>
/// <param name="DurationSeconds">How long the execution took, once finished.</param>
/// <param name="ErrorMessage">Why it did not succeed.</param>
/// <param name="CreatedAt">When the run started (UTC).</param>
/// <param name="CompletedAt">When its outcome was known (UTC).</param>
public sealed record ScheduleRun(
    string Id,
    string UserId,
    string ScheduleId,
    string WorkflowId,
    string? ExecutionId,
    string Status,
    DateTimeOffset ScheduledFor,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    long? DurationSeconds,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
