using System.Text.Json;

namespace RecomAmp.Core.Workflows.Rendering;

/// <summary>
/// Renders workflow SQL with parameter values; the rules are those of <see cref="SqlTemplate"/>.
/// </summary>
public static class SqlParameterRenderer
{
    /// <summary>Parses <paramref name="sql"/> and renders it with <paramref name="parameters"/>.</summary>
    /// <exception cref="Common.RequestValidationException">
    /// The SQL is malformed (field <c>sql_query</c>) or a used parameter is missing or unusable
    /// (field <c>parameters.&lt;name&gt;</c>).
    /// </exception>
    public static RenderedSql Render(string sql, IReadOnlyDictionary<string, JsonElement> parameters) =>
        SqlTemplate.Parse(sql).Render(parameters);
}
