namespace RecomAmp.Core.Storage;

/// <summary>
/// One condition of a <see cref="DocumentQuery"/>. Values may be string, bool, a whole or decimal number, or null.
/// Timestamps are stored as UTC ISO 8601 strings of one fixed format, so they compare as strings.
/// </summary>
public abstract record QueryCondition
{
    /// <summary>field = value (value null matches a null or missing field).</summary>
    public static QueryCondition Equal(string field, object? value) => new EqualCondition(field, value);

    /// <summary>field is one of the values.</summary>
    public static QueryCondition In(string field, IReadOnlyList<object> values) => new InCondition(field, values);

    /// <summary>field &lt; value, or field &lt;= value when inclusive.</summary>
    public static QueryCondition LessThan(string field, object value, bool inclusive = false) =>
        new CompareCondition(field, inclusive ? ComparisonOperator.LessThanOrEqual : ComparisonOperator.LessThan, value);

    /// <summary>field &gt; value, or field &gt;= value when inclusive.</summary>
    public static QueryCondition GreaterThan(string field, object value, bool inclusive = false) =>
        new CompareCondition(
            field, inclusive ? ComparisonOperator.GreaterThanOrEqual : ComparisonOperator.GreaterThan, value);

    /// <summary>Any of the string fields contains the text, ignoring case.</summary>
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
