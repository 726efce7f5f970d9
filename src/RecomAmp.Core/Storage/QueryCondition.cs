namespace RecomAmp.Core.Storage;

/// <summary>
/// One condition of a <see cref="DocumentQuery"/>. Values may be string, bool, a whole or decimal number, or null.
/// Timestamps are stored as UTC ISO 8601 strings of one fixed format, so they compare as strings.
/// </summary>
/// <remarks>
/// A value is converted to JSON with <see cref="RecomAmp.Core.Common.RecomAmpJson.Options"/>, as document
/// fields are, so an enum, Guid or DateTimeOffset matches its stored form; a value that becomes a JSON object
/// or array is an <see cref="ArgumentException"/>. A value only matches a field of the same JSON type: the
/// number 1 matches neither <c>true</c> nor <c>"1"</c>, and a comparison never matches a field of another
/// type. Strings compare ordinally. An In or ArrayContainsAny condition with no values matches nothing; each
/// takes at most 1000 values.
/// </remarks>
public abstract record QueryCondition
{
    /// <summary>field = value (value null matches a null or missing field).</summary>
    public static QueryCondition Equal(string field, object? value) => new EqualCondition(field, value);

    /// <summary>field is one of the values.</summary>
    public static QueryCondition In(string field, IReadOnlyList<object> values) => new InCondition(field, values);

    /// <summary>field &lt; value, or field &lt;= value when inclusive (value not null).</summary>
    public static QueryCondition LessThan(string field, object value, bool inclusive = false) =>
        new CompareCondition(
            field, inclusive ? ComparisonOperator.LessThanOrEqual : ComparisonOperator.LessThan, value);

    /// <summary>field &gt; value, or field &gt;= value when inclusive (value not null).</summary>
    public static QueryCondition GreaterThan(string field, object value, bool inclusive = false) =>
        new CompareCondition(
            field, inclusive ? ComparisonOperator.GreaterThanOrEqual : ComparisonOperator.GreaterThan, value);

    /// <summary>
    /// Any of the string fields contains the text, ignoring case (Unicode simple case folding); no character
    /// of the text is a wildcard.
    /// </summary>
    public static QueryCondition ContainsText(IReadOnlyList<string> fields, string text) =>
        new ContainsTextCondition(fields, text);

    /// <summary>The array field holds at least one of the values.</summary>
    public static QueryCondition ArrayContainsAny(string field, IReadOnlyList<object> values) =>
        new ArrayContainsAnyCondition(field, values);
}

public sealed record EqualCondition(string Field, object? Value) : QueryCondition;

public sealed record InCondition(string Field, IReadOnlyList<object> Values) : QueryCondition;

public sealed record CompareCondition(string Field, ComparisonOperator Operator, object Value) : QueryCondition;

public sealed record ContainsTextCondition(IReadOnlyList<string> Fields, string Text) : QueryCondition;

public sealed record ArrayContainsAnyCondition(string Field, IReadOnlyList<object> Values) : QueryCondition;

public enum ComparisonOperator
{
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
