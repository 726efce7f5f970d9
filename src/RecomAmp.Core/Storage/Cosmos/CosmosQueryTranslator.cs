using System.Globalization;
using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> into Cosmos DB SQL over the alias <c>c</c>. Field paths are
/// checked against a strict pattern before they become <c>c["name"]["nested"]</c>, and every value is a
/// parameter, so the query text is built only from fixed fragments and checked names.
/// </summary>
/// <remarks>
/// Cosmos DB compares only values of the same JSON type (the number 1 is neither <c>true</c> nor <c>"1"</c>),
/// orders strings ordinally, and leaves a document out of a filter whose field is missing, as the contract
/// asks; null is matched explicitly.
/// </remarks>
internal sealed class CosmosQueryTranslator
{
    /// <summary>The most values one In or ArrayContainsAny condition may list.</summary>
    public const int MaxValuesPerCondition = 1000;

    /// <summary>
    /// Up to this many values an ArrayContainsAny condition is a chain of <c>ARRAY_CONTAINS</c> tests, each
    /// served by the index; more would approach Cosmos DB's limit of 500 ORs per query, so longer lists
    /// become one <c>EXISTS</c> subquery over the array instead.
    /// </summary>
    public const int MaxArrayContainsAlternatives = 20;

    private const string QueryParameterName = "query";

    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    private CosmosQueryTranslator()
    {
    }

    /// <param name="query">The query.</param>
    /// <param name="hasIdTieBreak">
    /// Whether the container can order by a field (and direction) and then by id; without that composite
    /// index the query orders by the field alone.
    /// </param>
    public static CosmosTranslatedQuery Translate(DocumentQuery query, Func<string, bool, bool> hasIdTieBreak)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(hasIdTieBreak);
        var translator = new CosmosQueryTranslator();

        var conditions = query.Conditions.Select(translator.Condition).ToList();
        var filter = string.Join(" AND ", conditions.Select(condition => $"({condition})"));

        var direction = query.Descending ? "DESC" : "ASC";
        string orderBy;
        if (query.OrderBy is null)
        {
            orderBy = $"c[\"id\"] {direction}";
        }
        else
        {
            DocumentFieldPath.Validate(query.OrderBy, nameof(query));
            orderBy = $"{Field(query.OrderBy)} {direction}";
            if (query.OrderBy != "id" && hasIdTieBreak(query.OrderBy, query.Descending))
            {
                orderBy += $", c[\"id\"] {direction}";
            }
        }

        return new CosmosTranslatedQuery(filter, orderBy, translator._parameters);
    }

    /// <summary>The JSON of a query value as stored, or null; objects and arrays are refused.</summary>
    public static JsonElement? JsonValue(object? value) => JsonValue(value, QueryParameterName);

    private static JsonElement? JsonValue(object? value, string parameterName)
    {
        if (value is null)
        {
            return null;
        }

        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(value, value.GetType(), RecomAmpJson.Options);
        }
        catch (Exception exception) when (exception is NotSupportedException or ArgumentException)
        {
            throw new ArgumentException(
                $"A {value.GetType().Name} cannot be used as a query value.", parameterName, exception);
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String or JsonValueKind.Number => element,
            JsonValueKind.True or JsonValueKind.False => element,
            _ => throw new ArgumentException(
                $"A query value must be a string, number, bool or null, not JSON {element.ValueKind}.",
                parameterName),
        };
    }

    private string Condition(QueryCondition condition) => condition switch
    {
        EqualCondition equal => EqualTo(FieldOf(equal.Field), JsonValue(equal.Value)),
        InCondition inValues => In(inValues),
        CompareCondition compare => Compare(compare),
        ContainsTextCondition contains => ContainsText(contains),
        ArrayContainsAnyCondition arrayContains => ArrayContainsAny(arrayContains),
        null => throw new ArgumentException("A query condition cannot be null."),
        _ => throw new ArgumentException($"{condition.GetType().Name} is not a known condition."),
    };

    private string EqualTo(string field, JsonElement? value) =>
        value is null ? $"NOT IS_DEFINED({field}) OR IS_NULL({field})" : $"{field} = {Bind(value)}";

    private string In(InCondition inValues)
    {
        var field = FieldOf(inValues.Field);
        var values = CheckedValues(inValues.Values).Select(JsonValue).ToList();
        var alternatives = new List<string>();
        var listed = values.Where(value => value is not null).Select(value => Bind(value)).ToList();
        if (listed.Count > 0)
        {
            alternatives.Add($"{field} IN ({string.Join(", ", listed)})");
        }

        if (values.Any(value => value is null))
        {
            alternatives.Add(EqualTo(field, null));
        }

        return AnyOf(alternatives);
    }

    private string Compare(CompareCondition compare)
    {
        var field = FieldOf(compare.Field);
        var value = JsonValue(compare.Value)
            ?? throw new ArgumentException($"'{compare.Field}' cannot be compared with null.");
        var sqlOperator = compare.Operator switch
        {
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessThanOrEqual => "<=",
            ComparisonOperator.GreaterThan => ">",
            ComparisonOperator.GreaterThanOrEqual => ">=",
            _ => throw new ArgumentException($"{compare.Operator} is not a known comparison."),
        };

        return $"{field} {sqlOperator} {Bind(value)}";
    }

    private string ContainsText(ContainsTextCondition contains)
    {
        ArgumentNullException.ThrowIfNull(contains.Fields);
        ArgumentNullException.ThrowIfNull(contains.Text);
        if (contains.Fields.Count == 0)
        {
            throw new ArgumentException("A contains-text condition needs at least one field.");
        }

        // Both sides lower-cased rather than CONTAINS(x, text, true), which the local Cosmos-compatible
        // server cannot parse. CONTAINS takes the text literally: no character of it is a wildcard.
        var text = Bind(contains.Text.ToLowerInvariant());
        return AnyOf(contains.Fields.Select(field => $"CONTAINS(LOWER({FieldOf(field)}), {text})"));
    }

    private string ArrayContainsAny(ArrayContainsAnyCondition arrayContains)
    {
        var array = FieldOf(arrayContains.Field);
        var values = CheckedValues(arrayContains.Values).Select(JsonValue).ToList();
        if (values.Count <= MaxArrayContainsAlternatives)
        {
            // ARRAY_CONTAINS of something that is not an array is undefined, which no filter passes.
            return AnyOf(values.Select(value => $"ARRAY_CONTAINS({array}, {Bind(value)})"));
        }

        var list = Bind(values);
        return $"IS_ARRAY({array}) AND EXISTS("
            + $"SELECT VALUE v FROM v IN {array} WHERE ARRAY_CONTAINS({list}, v))";
    }

    private static string AnyOf(IEnumerable<string> alternatives)
    {
        var list = alternatives.ToList();
        return list.Count == 0
            ? "false"
            : string.Join(" OR ", list.Select(alternative => $"({alternative})"));
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

    private static string FieldOf(string field)
    {
        DocumentFieldPath.Validate(field, QueryParameterName);
        return Field(field);
    }

    // Only for checked paths: snake_case names need no escaping inside the quotes.
    private static string Field(string field) =>
        "c" + string.Concat(field.Split('.').Select(name => $"[\"{name}\"]"));

    private string Bind(object? value)
    {
        var name = "@q" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new KeyValuePair<string, object?>(name, value));
        return name;
    }
}
