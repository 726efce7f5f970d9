using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// One query to run: the SQL (its <c>{{...}}</c> placeholders already rendered), the execution's time window in
/// UTC, the workflow's declared input parameters (name to AMC data type and default) and the execution's
/// parameter values. Parameters are read by <c>CUSTOM_PARAMETER('name')</c>.
/// </summary>
public sealed record AmcQueryRequest(
    string Sql,
    DateTime WindowStartUtc,
    DateTime WindowEndUtc,
    IReadOnlyList<AmcInputParameter>? InputParameters = null,
    IReadOnlyDictionary<string, JsonElement>? ParameterValues = null,
    bool DisableAggregationControls = false);
