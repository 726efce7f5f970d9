using System.Text.Json;

namespace RecomAmp.Core.Workflows.Rendering;

/// <summary>Turns one JSON parameter value into SQL text that can only ever be read as a literal.</summary>
internal static class SqlLiteralFormatter
{
    /// <summary>
    /// The SQL for <paramref name="value"/>: a quoted string, a bare number, TRUE/FALSE, or a comma-separated
    /// list of those. Inside a string literal the value is escaped but not quoted, and lists are refused.
    /// </summary>
    /// <returns>The SQL text, or null with <paramref name="problem"/> saying why it cannot be used.</returns>
    public static string? Format(JsonElement value, bool insideStringLiteral, out string? problem)
    {
        problem = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var escaped = value.GetString()!.Replace("'", "''", StringComparison.Ordinal);
                return insideStringLiteral ? escaped : "'" + escaped + "'";
            case JsonValueKind.Number:
                // JSON number syntax (sign, digits, fraction, exponent) is also SQL numeric literal syntax,
                // so the number is written exactly as the caller wrote it, with no culture or float rounding
                // involved.
                return value.GetRawText();
            case JsonValueKind.True:
                return "TRUE";
            case JsonValueKind.False:
                return "FALSE";
            case JsonValueKind.Array when insideStringLiteral:
                problem = "A list cannot stand inside a quoted SQL string; "
                    + "put the placeholder outside the quotes";
                return null;
            case JsonValueKind.Array:
                return FormatList(value, out problem);
            case JsonValueKind.Object:
                problem = "Must be a string, number, boolean or list, not an object";
                return null;
            default:
                problem = "Must have a value, not null";
                return null;
        }
    }

    private static string? FormatList(JsonElement list, out string? problem)
    {
        problem = null;
        if (list.GetArrayLength() == 0)
        {
            problem = "Must not be an empty list: it would render as an empty IN ()";
            return null;
        }

        var items = new List<string>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number
                or JsonValueKind.True or JsonValueKind.False))
            {
                problem = "List items must be strings, numbers or booleans";
                return null;
            }

            items.Add(Format(item, insideStringLiteral: false, out _)!);
        }

        return string.Join(", ", items);
    }
}
