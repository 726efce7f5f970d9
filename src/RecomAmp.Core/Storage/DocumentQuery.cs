namespace RecomAmp.Core.Storage;

/// <summary>
/// A parameterized query that every adapter translates to its own language (SQLite JSON functions, Cosmos SQL).
/// Conditions are ANDed. Field names are JSON property paths as stored (snake_case, dots for nesting).
/// Values are always bound as parameters, never spliced into query text.
/// </summary>
public sealed record DocumentQuery
{
    /// <summary>A query that matches every document.</summary>
    public static DocumentQuery All { get; } = new();

    public IReadOnlyList<QueryCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The field to order by; null orders by id. Documents with equal values follow in id order, in the same
    /// direction, so pages never overlap.
    /// </summary>
    public string? OrderBy { get; init; }

    /// <summary>Orders from the highest value down (the id tie-break too).</summary>
    public bool Descending { get; init; }

    public DocumentQuery Where(QueryCondition condition) => this with { Conditions = [.. Conditions, condition] };

    public DocumentQuery OrderedBy(string field, bool descending = false) =>
        this with { OrderBy = field, Descending = descending };
}
