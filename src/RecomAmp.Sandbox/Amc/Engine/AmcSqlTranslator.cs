using System.Globalization;
using System.Text.RegularExpressions;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// The textual half of running AMC SQL on DuckDB: refuses what AMC refuses at the token level (SELECT *,
/// LIMIT, RIGHT JOIN, ORDER BY outside a window or subquery, undeclared CUSTOM_PARAMETER) and rewrites what a
/// DuckDB macro cannot express (TABLE(EXTEND_TIME_WINDOW(...)), NAMED_ROW, COLLECT, CONTAINED_IN,
/// CAST('today' AS DATE), CAST('now' AS TIMESTAMP), CUSTOM_PARAMETER and BUILT_IN_PARAMETER). Everything else
/// is left to the macros of <see cref="AmcMacros"/> and to DuckDB.
/// </summary>
internal static partial class AmcSqlTranslator
{
    [GeneratedRegex("^P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDuration();

    public static AmcTranslatedQuery Translate(
        string sql, ISet<string> declaredParameters, AmcSchema schema, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(declaredParameters);
        ArgumentNullException.ThrowIfNull(schema);

        var tokens = AmcSqlTokenizer.Tokenize(sql);
        if (tokens.Count == 0)
        {
            throw new AmcCompileException("The query is empty.");
        }

        Refuse(sql, tokens, declaredParameters);

        var editor = new AmcSqlEditor(sql);
        var extended = new List<AmcExtendedTable>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != AmcSqlTokenKind.Word || !IsCall(tokens, i))
            {
                continue;
            }

            if (token.IsWord("TABLE") && i + 2 < tokens.Count && tokens[i + 2].IsWord("EXTEND_TIME_WINDOW"))
            {
                i = RewriteExtendTimeWindow(sql, tokens, i, editor, extended, schema);
            }
            else if (token.IsWord("NAMED_ROW"))
            {
                RewriteNamedRow(sql, tokens, i, editor);
            }
            else if (token.IsWord("CUSTOM_PARAMETER"))
            {
                var name = tokens[i + 2].StringValue.ToLowerInvariant();
                editor.Replace(token.Start, tokens[i + 3].End - token.Start,
                    $"getvariable('{AmcMacros.ParameterVariablePrefix}{name}')");
            }
            else if (token.IsWord("BUILT_IN_PARAMETER"))
            {
                RewriteBuiltInParameter(sql, tokens, i, editor);
            }
            else if (token.IsWord("COLLECT"))
            {
                editor.Replace(token, "list");
            }
            else if (token.IsWord("CONTAINED_IN"))
            {
                RewriteContainedIn(sql, tokens, i, editor);
            }
            else if (token.IsWord("CAST") && i + 5 < tokens.Count && tokens[i + 2].Kind == AmcSqlTokenKind.String
                && tokens[i + 3].IsWord("AS") && tokens[i + 5].IsSymbol(')'))
            {
                RewriteRelativeCast(tokens, i, editor, nowUtc);
            }
        }

        return new AmcTranslatedQuery(editor.Apply(), extended, editor);
    }

    private static void Refuse(string sql, List<AmcSqlToken> tokens, ISet<string> declaredParameters)
    {
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol('('))
            {
                depth++;
            }
            else if (token.IsSymbol(')'))
            {
                depth--;
            }
            else if (token.IsSymbol('*') && i > 0 && IsStarProjection(tokens[i - 1]))
            {
                throw AmcCompileException.At(sql, token.Start,
                    "SELECT * is not supported in AMC: name the columns to return");
            }
            else if (token.IsWord("LIMIT"))
            {
                throw AmcCompileException.At(sql, token.Start,
                    "LIMIT is not supported in AMC: rank rows with ROW_NUMBER() or RANK() and filter on the rank");
            }
            else if (token.IsWord("RIGHT") && NextIs(tokens, i, "JOIN", "OUTER"))
            {
                throw AmcCompileException.At(sql, token.Start,
                    "RIGHT JOIN is not supported in AMC: swap the tables and use LEFT JOIN");
            }
            else if (token.IsWord("ORDER") && NextIs(tokens, i, "BY") && depth == 0)
            {
                throw AmcCompileException.At(sql, token.Start,
                    "ORDER BY is only supported inside a window function's OVER clause in AMC");
            }
            else if (token.IsWord("CUSTOM_PARAMETER") && IsCall(tokens, i))
            {
                CheckParameter(sql, tokens, i, declaredParameters);
            }
        }
    }

    private static void CheckParameter(string sql, List<AmcSqlToken> tokens, int i, ISet<string> declared)
    {
        if (i + 3 >= tokens.Count || tokens[i + 2].Kind != AmcSqlTokenKind.String || !tokens[i + 3].IsSymbol(')'))
        {
            throw AmcCompileException.At(sql, tokens[i].Start,
                "CUSTOM_PARAMETER takes one string literal: the name of a declared input parameter");
        }

        var name = tokens[i + 2].StringValue;
        if (!declared.Contains(name))
        {
            throw AmcCompileException.At(sql, tokens[i + 2].Start,
                $"Undeclared parameter '{name}': CUSTOM_PARAMETER('{name}') names no input parameter of the " +
                "workflow and no parameter value of the execution");
        }
    }

    private static bool IsStarProjection(AmcSqlToken previous) =>
        previous.IsWord("SELECT") || previous.IsWord("DISTINCT") || previous.IsWord("ALL")
        || previous.IsSymbol(',') || previous.IsSymbol('.');

    private static bool NextIs(List<AmcSqlToken> tokens, int i, params string[] words) =>
        i + 1 < tokens.Count && words.Any(tokens[i + 1].IsWord);

    private static bool IsCall(List<AmcSqlToken> tokens, int i) => i + 1 < tokens.Count && tokens[i + 1].IsSymbol('(');

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>.</summary>
    private static int Closing(string sql, List<AmcSqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol('('))
            {
                depth++;
            }
            else if (tokens[i].IsSymbol(')') && --depth == 0)
            {
                return i;
            }
        }

        throw AmcCompileException.At(sql, tokens[open].Start, "Unbalanced parenthesis");
    }

    /// <summary>Indexes of the commas between the arguments of the call opened at <paramref name="open"/>.</summary>
    private static List<int> TopLevelCommas(List<AmcSqlToken> tokens, int open, int close)
    {
        var commas = new List<int>();
        var depth = 0;
        for (var i = open + 1; i < close; i++)
        {
            if (tokens[i].IsSymbol('('))
            {
                depth++;
            }
            else if (tokens[i].IsSymbol(')'))
            {
                depth--;
            }
            else if (depth == 0 && tokens[i].IsSymbol(','))
            {
                commas.Add(i);
            }
        }

        return commas;
    }

    private static int RewriteExtendTimeWindow(string sql, List<AmcSqlToken> tokens, int i, AmcSqlEditor editor,
        List<AmcExtendedTable> extended, AmcSchema schema)
    {
        // TABLE ( EXTEND_TIME_WINDOW ( 'table' [, 'P14D' [, 'P0D']] ) )
        var outerClose = Closing(sql, tokens, i + 1);
        var innerOpen = i + 3;
        var innerClose = Closing(sql, tokens, innerOpen);
        var args = new List<AmcSqlToken>();
        for (var a = innerOpen + 1; a < innerClose; a++)
        {
            if (!tokens[a].IsSymbol(','))
            {
                args.Add(tokens[a]);
            }
        }

        if (args.Count is < 1 or > 3 || args.Any(a => a.Kind != AmcSqlTokenKind.String) || innerClose + 1 != outerClose)
        {
            throw AmcCompileException.At(sql, tokens[i].Start,
                "EXTEND_TIME_WINDOW takes a table name and up to two ISO-8601 durations, all as string literals");
        }

        var table = args[0].StringValue;
        if (schema.Find(table) is null)
        {
            throw AmcCompileException.At(sql, args[0].Start, $"Table '{table}' does not exist in AMC");
        }

        var before = args.Count > 1 ? ParseDuration(sql, args[1]) : TimeSpan.Zero;
        var after = args.Count > 2 ? ParseDuration(sql, args[2]) : TimeSpan.Zero;
        var view = $"__amc_ext_{extended.Count + 1}";
        extended.Add(new AmcExtendedTable(view, table, before, after));

        var next = outerClose + 1 < tokens.Count ? tokens[outerClose + 1] : default;
        var hasAlias = next.IsWord("AS") || (next.Kind == AmcSqlTokenKind.Word && !IsClauseWord(next))
            || next.Kind == AmcSqlTokenKind.QuotedIdentifier;
        editor.Replace(tokens[i].Start, tokens[outerClose].End - tokens[i].Start,
            hasAlias ? view : $"{view} AS \"{table}\"");
        return outerClose;
    }

    private static readonly string[] _clauseWords =
    [
        "WHERE", "GROUP", "HAVING", "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "CROSS", "OUTER", "ON", "USING",
        "UNION", "EXCEPT", "INTERSECT", "WINDOW", "QUALIFY", "ORDER", "LIMIT", "NATURAL", "POSITIONAL",
    ];

    private static bool IsClauseWord(AmcSqlToken token) => _clauseWords.Any(token.IsWord);

    private static TimeSpan ParseDuration(string sql, AmcSqlToken token)
    {
        var match = IsoDuration().Match(token.StringValue);
        if (!match.Success || token.StringValue.Length < 3)
        {
            throw AmcCompileException.At(sql, token.Start,
                $"'{token.StringValue}' is not an ISO-8601 duration such as P14D or PT12H");
        }

        int Part(int group) => match.Groups[group].Success
            ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture)
            : 0;
        return new TimeSpan(Part(1), Part(2), Part(3), Part(4));
    }

    private static void RewriteNamedRow(string sql, List<AmcSqlToken> tokens, int i, AmcSqlEditor editor)
    {
        var open = i + 1;
        var close = Closing(sql, tokens, open);
        var commas = TopLevelCommas(tokens, open, close);
        if (commas.Count % 2 == 0)
        {
            throw AmcCompileException.At(sql, tokens[i].Start, "NAMED_ROW takes pairs of a name and a value");
        }

        editor.Replace(tokens[i], "struct_pack");
        var keyIndexes = new List<int> { open + 1 };
        keyIndexes.AddRange(commas.Where((_, n) => n % 2 == 1).Select(c => c + 1));
        foreach (var keyIndex in keyIndexes)
        {
            var key = tokens[keyIndex];
            if (key.Kind != AmcSqlTokenKind.String || !tokens[keyIndex + 1].IsSymbol(','))
            {
                throw AmcCompileException.At(sql, key.Start, "NAMED_ROW field names must be string literals");
            }

            var name = key.StringValue.Replace("\"", "\"\"", StringComparison.Ordinal);
            editor.Replace(key.Start, tokens[keyIndex + 1].End - key.Start, $"\"{name}\" :=");
        }
    }

    private static void RewriteBuiltInParameter(string sql, List<AmcSqlToken> tokens, int i, AmcSqlEditor editor)
    {
        var name = i + 3 < tokens.Count && tokens[i + 2].Kind == AmcSqlTokenKind.String && tokens[i + 3].IsSymbol(')')
            ? tokens[i + 2].StringValue.ToUpperInvariant()
            : null;
        if (name is not ("TIME_WINDOW_START" or "TIME_WINDOW_END"))
        {
            throw AmcCompileException.At(sql, tokens[i].Start,
                "BUILT_IN_PARAMETER takes 'TIME_WINDOW_START' or 'TIME_WINDOW_END'");
        }

        editor.Replace(tokens[i].Start, tokens[i + 3].End - tokens[i].Start,
            $"getvariable('{AmcMacros.BuiltInVariablePrefix}{name.ToLowerInvariant()}')");
    }

    private static void RewriteContainedIn(string sql, List<AmcSqlToken> tokens, int i, AmcSqlEditor editor)
    {
        var open = i + 1;
        var close = Closing(sql, tokens, open);
        var commas = TopLevelCommas(tokens, open, close);
        if (commas.Count == 0)
        {
            throw AmcCompileException.At(sql, tokens[i].Start, "CONTAINED_IN takes a value and at least one candidate");
        }

        editor.Replace(tokens[i], string.Empty);
        editor.Replace(tokens[commas[0]], " IN (");
        editor.Replace(tokens[close], "))");
    }

    private static void RewriteRelativeCast(List<AmcSqlToken> tokens, int i, AmcSqlEditor editor, DateTime nowUtc)
    {
        var value = tokens[i + 2].StringValue.Trim().ToLowerInvariant();
        var type = tokens[i + 4].Text.ToUpperInvariant();
        var literal = (value, type) switch
        {
            ("today", "DATE") => $"DATE '{nowUtc:yyyy-MM-dd}'",
            ("today", "TIMESTAMP") => $"TIMESTAMP '{nowUtc:yyyy-MM-dd} 00:00:00'",
            ("now", "TIMESTAMP") => $"TIMESTAMP '{nowUtc:yyyy-MM-dd HH:mm:ss}'",
            ("now", "DATE") => $"DATE '{nowUtc:yyyy-MM-dd}'",
            _ => null,
        };
        if (literal is not null)
        {
            editor.Replace(tokens[i].Start, tokens[i + 5].End - tokens[i].Start, literal);
        }
    }
}
