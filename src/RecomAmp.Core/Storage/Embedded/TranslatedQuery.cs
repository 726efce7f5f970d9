namespace RecomAmp.Core.Storage.Embedded;

/// <summary>
/// A <see cref="DocumentQuery"/> as SQL over the <c>documents</c> table aliased <c>d</c>: a filter
/// expression, an ORDER BY list, and the parameters both refer to.
/// </summary>
/// <param name="Filter">A boolean SQL expression.</param>
/// <param name="OrderBy">The ORDER BY list, ending with the id tie-break.</param>
/// <param name="Parameters">Parameter names (with their <c>@</c>) and values.</param>
/// <param name="UsesContainsText">
/// The filter calls the contains-text function, which the connection must define.
/// </param>
internal sealed record TranslatedQuery(
    string Filter,
    string OrderBy,
    IReadOnlyList<KeyValuePair<string, object>> Parameters,
    bool UsesContainsText);
