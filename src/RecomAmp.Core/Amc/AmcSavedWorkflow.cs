namespace RecomAmp.Core.Amc;

/// <summary>A saved workflow as AMC keeps it (<c>/amc/reporting/{instanceId}/workflows</c>).</summary>
/// <param name="WorkflowId">AMC's workflow id: letters, digits, <c>.</c>, <c>-</c> and <c>_</c>.</param>
/// <param name="SqlQuery">The AMC SQL; it reads parameters with <c>CUSTOM_PARAMETER('name')</c>.</param>
/// <param name="InputParameters">The declared parameters; may be empty.</param>
public sealed record AmcSavedWorkflow(
    string WorkflowId, string SqlQuery, IReadOnlyList<AmcInputParameter> InputParameters);
