using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// The body of <c>PUT /api/schedules/{id}</c>: the fields to change; those missing keep their values. A
/// schedule stays with its workflow.
/// </summary>
public sealed record UpdateScheduleRequest(
    string? Name = null,
    string? CronExpression = null,
    string? Timezone = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null,
    bool? IsActive = null,
    int? DataLagDays = null);
