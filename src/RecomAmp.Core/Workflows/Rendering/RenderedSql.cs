using System.Text.Json;

namespace RecomAmp.Core.Workflows.Rendering;

/// <summary>The outcome of rendering a SQL template with parameter values.</summary>
/// <param name="Sql">The SQL with every placeholder outside comments replaced by a literal.</param>
/// <param name="ParametersUsed">The values the SQL used, as given, in order of first use.</param>
/// <param name="UnusedParameters">Names of given parameters the SQL does not use, in the order given.</param>
public sealed record RenderedSql(
    string Sql,
    IReadOnlyDictionary<string, JsonElement> ParametersUsed,
    IReadOnlyList<string> UnusedParameters);
