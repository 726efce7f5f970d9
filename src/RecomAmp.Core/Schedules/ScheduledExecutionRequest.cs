using System.Text.Json;

namespace RecomAmp.Core.Schedules;

/// <summary>One execution that a schedule run asks for.</summary>
/// <param name="UserId">The owner of the schedule and the workflow.</param>
/// <param name="WorkflowId">The workflow to run.</param>
/// <param name="ExecutionId">The id the execution must get (chosen when the due time was claimed).</param>
/// <param name="ScheduleId">The schedule that fired.</param>
/// <param name="ScheduleRunId">The run being recorded.</param>
/// <param name="Parameters">Values over the workflow's defaults, relative dates resolved.</param>
/// <param name="Timezone">The schedule's IANA time zone, which its dates are in.</param>
public sealed record ScheduledExecutionRequest(
    string UserId,
    string WorkflowId,
    string ExecutionId,
    string ScheduleId,
    string ScheduleRunId,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    string Timezone);
