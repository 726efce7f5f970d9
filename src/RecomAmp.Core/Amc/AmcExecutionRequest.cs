using System.Text.Json;

namespace RecomAmp.Core.Amc;

/// <summary>An execution of a saved workflow over an explicit time window.</summary>
/// <param name="WorkflowId">The saved workflow's id.</param>
/// <param name="TimeWindowStart">Local time <c>yyyy-MM-ddTHH:mm:ss</c>, no offset.</param>
/// <param name="TimeWindowEnd">Local time <c>yyyy-MM-ddTHH:mm:ss</c>, no offset.</param>
/// <param name="TimeWindowTimeZone">IANA name the window times are in, e.g. <c>America/New_York</c>.</param>
/// <param name="ParameterValues">Values of the workflow's input parameters, or null.</param>
/// <param name="DisableAggregationControls">AMC's <c>disableAggregationControls</c>.</param>
/// <param name="TimeoutSeconds">
/// AMC's <c>workflowExecutionTimeoutSeconds</c>; null leaves AMC's default (21600).
/// </param>
public sealed record AmcExecutionRequest(
    string WorkflowId,
    string TimeWindowStart,
    string TimeWindowEnd,
    string TimeWindowTimeZone,
    IReadOnlyDictionary<string, JsonElement>? ParameterValues,
    bool DisableAggregationControls = false,
    int? TimeoutSeconds = null);
