namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// Splits a query into tokens, skipping blanks and comments, so rewrites and checks never mistake a word
/// inside a string or a comment for SQL. It knows no grammar.
/// </summary>
internal static class AmcSqlTokenizer
{
    public static List<AmcSqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<AmcSqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                var close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + 2;
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                i = SkipQuoted(sql, i, c);
                var kind = c == '\'' ? AmcSqlTokenKind.String : AmcSqlTokenKind.QuotedIdentifier;
                tokens.Add(new AmcSqlToken(kind, start, sql[start..i]));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new AmcSqlToken(AmcSqlTokenKind.Word, start, sql[start..i]));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new AmcSqlToken(AmcSqlTokenKind.Number, start, sql[start..i]));
            }
            else
            {
                tokens.Add(new AmcSqlToken(AmcSqlTokenKind.Symbol, i, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>1-based line and column of a character offset.</summary>
    public static (int Line, int Column) LineAndColumn(string sql, int offset)
    {
        offset = Math.Clamp(offset, 0, sql.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (sql[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static int SkipQuoted(string sql, int i, char quote)
    {
        i++;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static char Peek(string sql, int i) => i < sql.Length ? sql[i] : '\0';
}
