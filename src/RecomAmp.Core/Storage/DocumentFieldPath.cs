using System.Text.RegularExpressions;

namespace RecomAmp.Core.Storage;

/// <summary>
/// The field names a <see cref="DocumentQuery"/> may use: snake_case JSON property names, dots for nesting.
/// Adapters check every field against this before it reaches a query, so no caller text shapes the query.
/// </summary>
internal static partial class DocumentFieldPath
{
    public const int MaxLength = 200;

    public static void Validate(string field, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(field, parameterName);
        if (field.Length > MaxLength || !Pattern().IsMatch(field))
        {
            throw new ArgumentException(
                $"'{field}' is not a valid field path: use snake_case names separated by dots.",
                parameterName);
        }
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
