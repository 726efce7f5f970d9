namespace RecomAmp.Core.Amc;

/// <summary>An AMC workflow execution as AMC reports it.</summary>
/// <param name="WorkflowExecutionId">AMC's execution id (not our execution id).</param>
/// <param name="WorkflowId">The workflow it runs (<c>transient_...</c> for ad hoc runs).</param>
/// <param name="Status">
/// AMC's status string: PENDING, RUNNING, PUBLISHING, SUCCEEDED, FAILED, CANCELLED, REJECTED; a status AMC
/// adds later passes through unchanged.
/// </param>
/// <param name="StatusReason">AMC's <c>statusReason</c>, or null.</param>
/// <param name="Message">AMC's <c>message</c> (falling back to <c>details</c>), or null.</param>
/// <param name="CreateTime">When AMC accepted it.</param>
/// <param name="StartTime">When it started running, if it did.</param>
/// <param name="EndTime">When it ended, if it did.</param>
/// <param name="OutputColumns">The result's columns once it succeeded, or null.</param>
public sealed record AmcExecution(
    string WorkflowExecutionId,
    string WorkflowId,
    string Status,
    string? StatusReason,
    string? Message,
    DateTimeOffset? CreateTime,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyList<string>? OutputColumns);
