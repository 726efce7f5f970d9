using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>The <c>workflow</c> object of an ad hoc execution.</summary>
internal sealed record AmcAdHocWorkflow(string? SqlQuery, JsonElement? InputParameters);
