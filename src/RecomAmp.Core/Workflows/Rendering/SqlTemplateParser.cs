using System.Globalization;
using System.Text;

namespace RecomAmp.Core.Workflows.Rendering;

/// <summary>
/// Splits SQL into text and placeholders while tracking where it is: code, a single-quoted string literal, a
/// double-quoted identifier, a line comment or a block comment. See <see cref="SqlTemplate"/> for the rules.
/// </summary>
internal static class SqlTemplateParser
{
    private enum Context
    {
        Code,
        StringLiteral,
        QuotedIdentifier,
        LineComment,
        BlockComment,
    }

    /// <summary>
    /// The parts of <paramref name="sql"/>, or null with <paramref name="error"/> saying where it is wrong.
    /// </summary>
    public static IReadOnlyList<SqlTemplatePart>? Parse(string sql, out string? error)
    {
        var parts = new List<SqlTemplatePart>();
        var text = new StringBuilder();
        var context = Context.Code;
        var openedAt = 0;
        var index = 0;

        while (index < sql.Length)
        {
            var current = sql[index];
            var next = index + 1 < sql.Length ? sql[index + 1] : '\0';
            var inComment = context is Context.LineComment or Context.BlockComment;
            if (current == '{' && next == '{' && !inComment)
            {
                if (context == Context.QuotedIdentifier)
                {
                    error = "A placeholder cannot stand inside a double-quoted identifier "
                        + $"({Position(sql, index)})";
                    return null;
                }

                if (!TryReadPlaceholder(sql, index, out var name, out var end))
                {
                    error = $"Malformed placeholder at {Position(sql, index)}: write {{{{name}}}} where "
                        + "the name has letters, digits and underscores, starts with a letter or underscore "
                        + $"and has at most {SqlTemplate.MaxParameterNameLength} characters";
                    return null;
                }

                Flush(text, parts);
                parts.Add(new SqlPlaceholderPart(name, context == Context.StringLiteral));
                index = end;
                continue;
            }

            var length = 1;
            switch (context)
            {
                case Context.Code when current == '\'':
                    context = Context.StringLiteral;
                    openedAt = index;
                    break;
                case Context.Code when current == '"':
                    context = Context.QuotedIdentifier;
                    openedAt = index;
                    break;
                case Context.Code when current == '-' && next == '-':
                    context = Context.LineComment;
                    length = 2;
                    break;
                case Context.Code when current == '/' && next == '*':
                    context = Context.BlockComment;
                    openedAt = index;
                    length = 2;
                    break;
                case Context.StringLiteral when current == '\'':
                case Context.QuotedIdentifier when current == '"':
                    // A doubled quote is an escaped quote and keeps the literal open.
                    if (next == current)
                    {
                        length = 2;
                    }
                    else
                    {
                        context = Context.Code;
                    }

                    break;
                case Context.LineComment when current == '\n':
                    context = Context.Code;
                    break;
                case Context.BlockComment when current == '*' && next == '/':
                    context = Context.Code;
                    length = 2;
                    break;
                default:
                    break;
            }

            text.Append(sql, index, length);
            index += length;
        }

        error = context switch
        {
            Context.StringLiteral => $"The string literal opened at {Position(sql, openedAt)} is not closed",
            Context.QuotedIdentifier =>
                $"The quoted identifier opened at {Position(sql, openedAt)} is not closed",
            Context.BlockComment => $"The comment opened at {Position(sql, openedAt)} is not closed",
            _ => null,
        };
        if (error is not null)
        {
            return null;
        }

        Flush(text, parts);
        return parts;
    }

    /// <summary>True when the whole of <paramref name="name"/> is a placeholder name.</summary>
    public static bool IsParameterName(string name) =>
        name.Length > 0 && ReadName(name, 0) == name.Length;

    private static bool TryReadPlaceholder(string sql, int start, out string name, out int end)
    {
        name = string.Empty;
        end = start;

        var position = SkipBlanks(sql, start + 2);
        var nameEnd = ReadName(sql, position);
        if (nameEnd == position)
        {
            return false;
        }

        var afterName = SkipBlanks(sql, nameEnd);
        if (afterName + 1 >= sql.Length || sql[afterName] != '}' || sql[afterName + 1] != '}')
        {
            return false;
        }

        name = sql[position..nameEnd];
        end = afterName + 2;
        return true;
    }

    /// <summary>
    /// The index just past a name that starts at <paramref name="start"/>, or start when there is none.
    /// </summary>
    private static int ReadName(string text, int start)
    {
        if (start >= text.Length || !(char.IsAsciiLetter(text[start]) || text[start] == '_'))
        {
            return start;
        }

        var end = start + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end - start <= SqlTemplate.MaxParameterNameLength ? end : start;
    }

    private static int SkipBlanks(string text, int start)
    {
        while (start < text.Length && text[start] is ' ' or '\t')
        {
            start++;
        }

        return start;
    }

    private static void Flush(StringBuilder text, List<SqlTemplatePart> parts)
    {
        if (text.Length > 0)
        {
            parts.Add(new SqlTextPart(text.ToString()));
            text.Clear();
        }
    }

    private static string Position(string sql, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (sql[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = index - lineStart + 1;
        return string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}");
    }
}
