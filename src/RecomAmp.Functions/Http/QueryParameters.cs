using System.Globalization;
using Microsoft.AspNetCore.Http;
using RecomAmp.Core.Common;

namespace RecomAmp.Functions.Http;

/// <summary>Typed reads of query-string parameters; a value that does not parse is a 400 naming it.</summary>
public static class QueryParameters
{
    public static string? Text(HttpRequest request, string name, int maxLength = 200)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length <= maxLength
            ? value
            : throw new RequestValidationException(name, $"Must be at most {maxLength} characters");
    }

    public static int WholeNumber(HttpRequest request, string name, int defaultValue, int min, int max)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new RequestValidationException(name, "Must be a whole number");
        }

        return value >= min && value <= max
            ? value
            : throw new RequestValidationException(name, $"Must be between {min} and {max}");
    }

    public static bool Flag(HttpRequest request, string name, bool defaultValue)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return defaultValue;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new RequestValidationException(name, "Must be true or false");
    }

    /// <summary>A comma-separated list, trimmed, without empty entries.</summary>
    public static IReadOnlyList<string> List(HttpRequest request, string name)
    {
        var text = Text(request, name, maxLength: 2000);
        return text is null
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
