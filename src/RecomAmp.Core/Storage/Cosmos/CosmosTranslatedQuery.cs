using Microsoft.Azure.Cosmos;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// A <see cref="DocumentQuery"/> as Cosmos DB SQL over the alias <c>c</c>: a filter, an ORDER BY list, and
/// the parameters both refer to.
/// </summary>
/// <param name="Filter">A boolean expression; empty when every document matches.</param>
/// <param name="OrderBy">
/// The ORDER BY list, ending with the id tie-break where the container supports it.
/// </param>
/// <param name="Parameters">Parameter names (with their <c>@</c>) and values.</param>
internal sealed record CosmosTranslatedQuery(
    string Filter, string OrderBy, IReadOnlyList<KeyValuePair<string, object?>> Parameters)
{
    private string Where => Filter.Length == 0 ? string.Empty : $" WHERE {Filter}";

    /// <summary>The matching documents in order.</summary>
    public QueryDefinition Select() => Definition($"SELECT * FROM c{Where} ORDER BY {OrderBy}");

    /// <summary>
    /// The matching documents in order, <paramref name="offset"/> skipped, at most <paramref name="limit"/>.
    /// </summary>
    public QueryDefinition SelectWindow(long offset, int limit) =>
        Definition($"SELECT * FROM c{Where} ORDER BY {OrderBy} OFFSET @offset LIMIT @limit")
            .WithParameter("@offset", offset)
            .WithParameter("@limit", limit);

    /// <summary>The number of matching documents.</summary>
    public QueryDefinition Count() => Definition($"SELECT VALUE COUNT(1) FROM c{Where}");

    private QueryDefinition Definition(string text)
    {
        var definition = new QueryDefinition(text);
        foreach (var (name, value) in Parameters)
        {
            definition.WithParameter(name, value);
        }

        return definition;
    }
}
