using Microsoft.Azure.Cosmos;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// What the store knows of an existing container: its handle and the orderings it can serve.
/// </summary>
/// <param name="Container">The SDK's handle.</param>
/// <param name="PartitionKeyPath">The partition key path, e.g. <c>/user_id</c>.</param>
/// <param name="OrderingsWithIdTieBreak">
/// Orderings (<see cref="CosmosIndexing.OrderingKey"/>) that a composite index serves with the id tie-break.
/// </param>
internal sealed record CosmosContainerInfo(
    Container Container, string PartitionKeyPath, IReadOnlySet<string> OrderingsWithIdTieBreak)
{
    public static CosmosContainerInfo From(Container container, ContainerProperties properties) =>
        new(container, properties.PartitionKeyPath, CosmosIndexing.OrderingsWithIdTieBreak(properties));

    public bool HasIdTieBreak(string field, bool descending) =>
        OrderingsWithIdTieBreak.Contains(CosmosIndexing.OrderingKey(field, descending));
}
