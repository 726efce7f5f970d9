using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// The body of <c>POST /api/schedules/</c>. Every field may be missing here; <see cref="ScheduleService"/>
/// checks them, so a missing required field is reported by name.
/// </summary>
/// <param name="Name">Required.</param>
/// <param name="WorkflowId">Required: one of the user's workflows.</param>
/// <param name="CronExpression">Required: five-field cron.</param>
/// <param name="Timezone">An IANA name; the user's own time zone when missing.</param>
/// <param name="Parameters">Values over the workflow's defaults; may hold relative dates.</param>
/// <param name="IsActive">True when missing.</param>
/// <param name="DataLagDays">0 when missing.</param>
public sealed record CreateScheduleRequest(
    string? Name = null,
    string? WorkflowId = null,
    string? CronExpression = null,
    string? Timezone = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null,
    bool? IsActive = null,
    int? DataLagDays = null);
