using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// A workflow run on a cron schedule, as stored in <see cref="Storage.StorageContainers.Schedules"/>
/// (partitioned by <see cref="UserId"/>).
/// </summary>
/// <param name="Id">Our id of the schedule (a UUID).</param>
/// <param name="UserId">The owner, who also owns the workflow.</param>
/// <param name="WorkflowId">The workflow each run executes.</param>
/// <param name="Name">The display name.</param>
/// <param name="CronExpression">
/// Five-field cron (<see cref="CronSchedule"/>), read in <see cref="Timezone"/>.
/// </param>
/// <param name="Timezone">The IANA time zone of the cron fields and of relative dates.</param>
/// <param name="Parameters">
/// Values for each run, over the workflow's defaults; relative dates are resolved when a run starts
/// (<see cref="ScheduleParameters"/>).
/// </param>
/// <param name="DataLagDays">
/// Days that relative dates are moved back by, because AMC data arrives late.
/// </param>
/// <param name="IsActive">False while paused.</param>
/// <param name="NextRunAt">
/// The next due time (UTC); null while paused or when the expression has no more.
/// </param>
/// <param name="LastRunAt">The due time of the latest run (UTC), or null before the first.</param>
/// <param name="TotalRuns">Runs recorded, whatever their outcome.</param>
/// <param name="SuccessfulRuns">Runs whose execution succeeded.</param>
/// <param name="FailedRuns">
/// Runs that could not start or whose execution ended otherwise than succeeded.
/// </param>
/// <param name="OpenRunIds">Runs whose execution has not finished; each is counted once when it does.</param>
/// <param name="PendingClaim">A due time claimed by a ticker whose run is not recorded yet.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When its owner last changed it (UTC).</param>
public sealed record Schedule(
    string Id,
    string UserId,
    string WorkflowId,
    string Name,
    string CronExpression,
    string Timezone,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    int DataLagDays,
    bool IsActive,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    int TotalRuns,
    int SuccessfulRuns,
    int FailedRuns,
    IReadOnlyList<string> OpenRunIds,
    ScheduleClaim? PendingClaim,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
