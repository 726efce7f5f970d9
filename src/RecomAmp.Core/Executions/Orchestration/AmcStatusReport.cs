namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>One reading of an execution's status at AMC.</summary>
/// <param name="StopRequested">The record was cancelled or deleted: stop without recording an outcome.</param>
/// <param name="Status">AMC's status, as AMC spells it.</param>
/// <param name="Reason">AMC's status reason or message, if any.</param>
/// <param name="StartTime">When AMC started running it.</param>
/// <param name="EndTime">When AMC finished it.</param>
/// <param name="OutputColumns">The result's columns in AMC's order, once known.</param>
public sealed record AmcStatusReport(
    bool StopRequested,
    string? Status,
    string? Reason,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyList<string>? OutputColumns)
{
    public static AmcStatusReport Stop { get; } = new(true, null, null, null, null, null);
}
