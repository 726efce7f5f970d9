using System.Collections.ObjectModel;
using Microsoft.Azure.Cosmos;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// The container settings the store creates containers with, and reads back to learn what a container can
/// do. Every field is range-indexed, so the equality, IN and range filters of <see cref="DocumentQuery"/> are
/// served from the index. A query ordered by a field alone needs nothing more; ordered by a field and then by
/// id (so that ties come in id order, as the store promises) it needs a composite index of the two, in both
/// directions, which <see cref="SortFields"/> lists.
/// </summary>
internal static class CosmosIndexing
{
    public const string IdPath = "/id";

    private static readonly CompositePathSortOrder[] _orders =
        [CompositePathSortOrder.Ascending, CompositePathSortOrder.Descending];

    /// <summary>
    /// The fields the product's queries order by (<see cref="DocumentQuery.OrderBy"/>). A query ordered by a
    /// field not listed still runs, but documents with equal values come in the server's order, not by id.
    /// </summary>
    public static IReadOnlyList<string> SortFields { get; } = new ReadOnlyCollection<string>(
    [
        "created_at",
        "updated_at",
    ]);

    /// <summary>
    /// A container partitioned by <paramref name="partitionKeyPath"/>, with time to live switched on but no
    /// default (<c>DefaultTimeToLive = -1</c>: a document expires only when its own <c>ttl</c> says so).
    /// </summary>
    public static ContainerProperties ContainerProperties(
        string name, string partitionKeyPath, IEnumerable<string> sortFields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(partitionKeyPath);
        ArgumentNullException.ThrowIfNull(sortFields);

        var policy = new IndexingPolicy { Automatic = true, IndexingMode = IndexingMode.Consistent };
        policy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/\"_etag\"/?" });
        foreach (var field in sortFields)
        {
            DocumentFieldPath.Validate(field, nameof(sortFields));
            foreach (var order in _orders)
            {
                policy.CompositeIndexes.Add(new Collection<CompositePath>
                {
                    new() { Path = FieldPath(field), Order = order },
                    new() { Path = IdPath, Order = order },
                });
            }
        }

        return new ContainerProperties(name, partitionKeyPath)
        {
            DefaultTimeToLive = -1,
            IndexingPolicy = policy,
        };
    }

    /// <summary>
    /// The orderings the container's composite indexes serve with the id tie-break, as
    /// <see cref="OrderingKey"/> strings.
    /// </summary>
    public static IReadOnlySet<string> OrderingsWithIdTieBreak(ContainerProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var orderings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var composite in properties.IndexingPolicy?.CompositeIndexes ?? [])
        {
            var withIdTieBreak = composite.Count == 2 && composite[1].Path == IdPath
                && composite[0].Order == composite[1].Order;
            if (withIdTieBreak)
            {
                var field = composite[0].Path.TrimStart('/').Replace('/', '.');
                orderings.Add(OrderingKey(field, composite[0].Order == CompositePathSortOrder.Descending));
            }
        }

        return orderings;
    }

    public static string OrderingKey(string field, bool descending) =>
        field + (descending ? " DESC" : " ASC");

    private static string FieldPath(string field) => "/" + field.Replace('.', '/');
}
