using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Workflows.Rendering;

/// <summary>
/// AMC SQL with <c>{{name}}</c> placeholders, parsed once and rendered with typed, escaped literal values.
/// </summary>
/// <remarks>
/// <para>
/// A placeholder is <c>{{</c>, optional spaces or tabs, a name (ASCII letters, digits and underscores, not
/// starting with a digit, at most <see cref="MaxParameterNameLength"/> characters), optional spaces or tabs,
/// <c>}}</c>. Any other <c>{{</c> outside a comment is an error rather than text sent to AMC. Nothing else is
/// a parameter: AMC's own <c>CUSTOM_PARAMETER('x')</c> and <c>BUILT_IN_PARAMETER(...)</c> stay as written,
/// and a <c>:00</c> in a timestamp literal is just text.
/// </para>
/// <para>
/// The SQL is scanned as ANSI SQL: single-quoted string literals with <c>''</c> as the escaped quote,
/// double-quoted identifiers with <c>""</c>, <c>--</c> line comments and non-nesting <c>/* */</c> block
/// comments. Placeholders in comments are left untouched and do not count as used. A placeholder inside a
/// string literal (<c>'{{start_date}}'</c>, <c>'prefix_{{x}}%'</c>) takes the escaped value without quotes;
/// one inside a quoted identifier is an error, because values never become identifiers.
/// </para>
/// <para>
/// Values are always literals, so no keyword needs blocking: strings are quoted with inner quotes doubled,
/// numbers are written as given in JSON, booleans become TRUE or FALSE, and lists become comma-separated
/// literals for <c>IN (...)</c>. A rendered value always reads as its own token: a space is put between it
/// and a neighbour that would otherwise join it (<c>x-{{n}}</c> with -5 gives <c>x- -5</c>, not a <c>--</c>
/// comment). Backslashes in strings are copied as they are, which is right for ANSI SQL; a dialect that
/// treats a backslash as an escape character would need them doubled as well.
/// </para>
/// </remarks>
public sealed class SqlTemplate
{
    /// <summary>The longest placeholder (and parameter) name.</summary>
    public const int MaxParameterNameLength = 100;

    /// <summary>The request field that template errors are reported on.</summary>
    public const string SqlField = "sql_query";

    private readonly IReadOnlyList<SqlTemplatePart> _parts;

    private SqlTemplate(IReadOnlyList<SqlTemplatePart> parts)
    {
        _parts = parts;
        ParameterNames = parts.OfType<SqlPlaceholderPart>()
            .Select(part => part.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The names of the placeholders outside comments, each once, in order of first use.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Parses SQL into a template.</summary>
    /// <exception cref="RequestValidationException">
    /// The SQL has a malformed placeholder, a placeholder in a quoted identifier, or an unclosed literal,
    /// identifier or comment (reported on <see cref="SqlField"/> with line and column).
    /// </exception>
    public static SqlTemplate Parse(string sql) =>
        TryParse(sql, out var template, out var error)
            ? template
            : throw new RequestValidationException(SqlField, error);

    /// <summary>Parses SQL into a template, or says what is wrong with it.</summary>
    public static bool TryParse(
        string sql, [NotNullWhen(true)] out SqlTemplate? template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parts = SqlTemplateParser.Parse(sql, out error);
        template = parts is null ? null : new SqlTemplate(parts);
        return template is not null;
    }

    /// <summary>True when <paramref name="name"/> can be used as a placeholder name.</summary>
    public static bool IsParameterName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SqlTemplateParser.IsParameterName(name);
    }

    /// <summary>Replaces every placeholder outside comments with its value as a SQL literal.</summary>
    /// <param name="parameters">Values by name (case-sensitive); unused ones are reported back.</param>
    /// <exception cref="RequestValidationException">
    /// A used parameter is missing, null, an object, an empty list, a list with non-scalar items, or a list
    /// inside a string literal; one error per parameter, on the field <c>parameters.&lt;name&gt;</c>.
    /// </exception>
    public RenderedSql Render(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);

        var literals = FormatValues(parameters);

        var sql = new StringBuilder();
        var previousWasValue = false;
        foreach (var part in _parts)
        {
            switch (part)
            {
                case SqlPlaceholderPart placeholder:
                    var literal = literals[(placeholder.Name, placeholder.InsideStringLiteral)];
                    AppendKeepingTokensApart(sql, literal, separate: !placeholder.InsideStringLiteral);
                    previousWasValue = !placeholder.InsideStringLiteral;
                    break;
                case SqlTextPart text:
                    AppendKeepingTokensApart(sql, text.Text, separate: previousWasValue);
                    previousWasValue = false;
                    break;
                default:
                    throw new InvalidOperationException("Unknown template part");
            }
        }

        var used = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in ParameterNames)
        {
            used[name] = parameters[name];
        }

        var unused = parameters.Keys.Where(name => !used.ContainsKey(name)).ToList();
        return new RenderedSql(sql.ToString(), used, unused);
    }

    private Dictionary<(string Name, bool InsideStringLiteral), string> FormatValues(
        IReadOnlyDictionary<string, JsonElement> parameters)
    {
        var errors = new ValidationErrors();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var literals = new Dictionary<(string, bool), string>();
        foreach (var placeholder in _parts.OfType<SqlPlaceholderPart>())
        {
            var key = (placeholder.Name, placeholder.InsideStringLiteral);
            if (literals.ContainsKey(key) || reported.Contains(placeholder.Name))
            {
                continue;
            }

            if (!parameters.TryGetValue(placeholder.Name, out var value))
            {
                errors.Add(
                    "parameters." + placeholder.Name, "The SQL uses this parameter but no value was given");
                reported.Add(placeholder.Name);
                continue;
            }

            var literal = SqlLiteralFormatter.Format(value, placeholder.InsideStringLiteral, out var problem);
            if (literal is null)
            {
                errors.Add("parameters." + placeholder.Name, problem!);
                reported.Add(placeholder.Name);
                continue;
            }

            literals[key] = literal;
        }

        errors.ThrowIfAny();
        return literals;
    }

    private static void AppendKeepingTokensApart(StringBuilder sql, string piece, bool separate)
    {
        if (separate && sql.Length > 0 && piece.Length > 0 && WouldJoin(sql[^1], piece[0]))
        {
            sql.Append(' ');
        }

        sql.Append(piece);
    }

    private static bool WouldJoin(char left, char right) =>
        (IsWordCharacter(left) && IsWordCharacter(right))
        || (left == '-' && right == '-')
        || (left == '\'' && right == '\'');

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';
}
