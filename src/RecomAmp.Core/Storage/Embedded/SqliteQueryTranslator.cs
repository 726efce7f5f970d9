using System.Globalization;

namespace RecomAmp.Core.Storage.Embedded;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> into SQLite SQL over the JSON body. Values are always bound as
/// parameters. Field paths are checked against a strict pattern (snake_case names and dots, so never a quote)
/// and then written into the SQL as literals, because SQLite uses an expression index only for a query
/// expression that matches it literally (see <see cref="SqliteDeclaredIndexes"/>).
/// </summary>
/// <remarks>
/// Comparisons follow Cosmos DB: a value only matches a field of the same JSON type (the number 1 is neither
/// <c>true</c> nor <c>"1"</c>), strings compare ordinally, and null matches a null or missing field.
/// </remarks>
internal sealed class SqliteQueryTranslator
{
    /// <summary>The SQL function (defined per connection) for a case-insensitive substring test.</summary>
    public const string ContainsTextFunction = "recomamp_contains_text";

    /// <summary>The most values one In or ArrayContainsAny condition may list.</summary>
    public const int MaxValuesPerCondition = 1000;

    // Errors name the argument the caller passed: the query.
    private const string QueryParameterName = "query";

    private const string NumberTypes = "('integer', 'real')";

    private readonly List<KeyValuePair<string, object>> _parameters = [];
    private bool _usesContainsText;

    private SqliteQueryTranslator()
    {
    }

    public static TranslatedQuery Translate(DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var translator = new SqliteQueryTranslator();

        var conditions = query.Conditions.Select(translator.Condition).ToList();
        var filter = conditions.Count == 0 ? "1" : string.Join(" AND ", conditions.Select(c => $"({c})"));

        var direction = query.Descending ? "DESC" : "ASC";
        var tieBreak = $"d.id {direction}, d.partition_key {direction}";
        string orderBy;
        if (query.OrderBy is null)
        {
            orderBy = tieBreak;
        }
        else
        {
            DocumentFieldPath.Validate(query.OrderBy, nameof(query));
            orderBy = $"{FieldValue(query.OrderBy)} {direction}, {tieBreak}";
        }

        return new TranslatedQuery(filter, orderBy, translator._parameters, translator._usesContainsText);
    }

    /// <summary>
    /// The SQL that reads a field's value from a JSON column; the declared indexes use the same text, so that
    /// SQLite matches them to queries.
    /// </summary>
    public static string FieldValueSql(string column, string field) =>
        $"json_extract({column}, {PathLiteral(field)})";

    private string Condition(QueryCondition condition) => condition switch
    {
        EqualCondition equal => EqualTo(Field(equal.Field), Value(equal.Value)),
        InCondition inValues => AnyOf(
            CheckedValues(inValues.Values).Select(value => EqualTo(Field(inValues.Field), Value(value)))),
        CompareCondition compare => Compare(compare),
        ContainsTextCondition contains => ContainsText(contains),
        ArrayContainsAnyCondition arrayContains => ArrayContainsAny(arrayContains),
        null => throw new ArgumentException("A query condition cannot be null."),
        _ => throw new ArgumentException($"{condition.GetType().Name} is not a known condition."),
    };

    private string EqualTo(Operand operand, JsonQueryValue value) => value.Kind switch
    {
        JsonQueryValueKind.Null => $"{operand.Value} IS NULL",
        JsonQueryValueKind.Boolean => $"{operand.Type} = '{((long)value.SqlValue! == 1 ? "true" : "false")}'",
        JsonQueryValueKind.Text => $"{operand.Type} = 'text' AND {operand.Value} = {Bind(value.SqlValue!)}",
        _ => $"{operand.Type} IN {NumberTypes} AND {operand.Value} = {Bind(value.SqlValue!)}",
    };

    private string Compare(CompareCondition compare)
    {
        var operand = Field(compare.Field);
        var value = Value(compare.Value);
        var sqlOperator = compare.Operator switch
        {
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessThanOrEqual => "<=",
            ComparisonOperator.GreaterThan => ">",
            ComparisonOperator.GreaterThanOrEqual => ">=",
            _ => throw new ArgumentException($"{compare.Operator} is not a known comparison."),
        };

        var types = value.Kind switch
        {
            JsonQueryValueKind.Text => "('text')",
            JsonQueryValueKind.Number => NumberTypes,
            JsonQueryValueKind.Boolean => "('true', 'false')",
            _ => throw new ArgumentException($"'{compare.Field}' cannot be compared with null."),
        };

        return $"{operand.Type} IN {types} AND {operand.Value} {sqlOperator} {Bind(value.SqlValue!)}";
    }

    private string ContainsText(ContainsTextCondition contains)
    {
        ArgumentNullException.ThrowIfNull(contains.Fields);
        ArgumentNullException.ThrowIfNull(contains.Text);
        if (contains.Fields.Count == 0)
        {
            throw new ArgumentException("A contains-text condition needs at least one field.");
        }

        // A function rather than LIKE: SQLite's LIKE folds only ASCII letters, and the search text
        // would have its % and _ read as wildcards.
        _usesContainsText = true;
        var text = Bind(contains.Text);
        return AnyOf(contains.Fields.Select(field =>
        {
            var operand = Field(field);
            return $"{operand.Type} = 'text' AND {ContainsTextFunction}({operand.Value}, {text})";
        }));
    }

    private string ArrayContainsAny(ArrayContainsAnyCondition arrayContains)
    {
        var array = Field(arrayContains.Field);
        var item = new Operand("item.value", "item.type");
        var anyItem = AnyOf(CheckedValues(arrayContains.Values).Select(value => EqualTo(item, Value(value))));
        var items = $"json_each(d.body, {PathLiteral(arrayContains.Field)})";
        return $"{array.Type} = 'array' AND EXISTS (SELECT 1 FROM {items} AS item WHERE {anyItem})";
    }

    private static string AnyOf(IEnumerable<string> alternatives)
    {
        var list = alternatives.ToList();
        return list.Count == 0 ? "0" : string.Join(" OR ", list.Select(alternative => $"({alternative})"));
    }

    private static IReadOnlyList<object> CheckedValues(IReadOnlyList<object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > MaxValuesPerCondition)
        {
            throw new ArgumentException($"A condition may list at most {MaxValuesPerCondition} values.");
        }

        return values;
    }

    private static JsonQueryValue Value(object? value) => JsonQueryValue.From(value, QueryParameterName);

    private static Operand Field(string field)
    {
        var path = PathLiteral(field);
        return new Operand(FieldValueSql("d.body", field), $"json_type(d.body, {path})");
    }

    private static string FieldValue(string field) => Field(field).Value;

    // Safe as a literal: the pattern admits only letters, digits, underscores and dots.
    private static string PathLiteral(string field)
    {
        DocumentFieldPath.Validate(field, QueryParameterName);
        return "'$." + field + "'";
    }

    private string Bind(object value)
    {
        var name = "@q" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new KeyValuePair<string, object>(name, value));
        return name;
    }

    /// <summary>SQL for a JSON value and for its JSON type name (as <c>json_type</c> gives it).</summary>
    private sealed record Operand(string Value, string Type);
}
