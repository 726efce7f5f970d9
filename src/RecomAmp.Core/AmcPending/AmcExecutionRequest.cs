using System.Text.Json;

namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

public sealed record AmcExecutionRequest(
    string WorkflowId,
    string TimeWindowStart,
    string TimeWindowEnd,
    string TimeWindowTimeZone,
    IReadOnlyDictionary<string, JsonElement>? ParameterValues,
    bool DisableAggregationControls = false,
    int? TimeoutSeconds = null);
