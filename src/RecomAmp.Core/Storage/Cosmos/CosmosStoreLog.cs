using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Storage.Cosmos;

internal static partial class CosmosStoreLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Cosmos DB database {Database} ready")]
    public static partial void DatabaseReady(ILogger logger, string database);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information,
        Message = "Cosmos DB container {Container} ready in {Database}, partitioned by {PartitionKeyPath}")]
    public static partial void ContainerReady(
        ILogger logger, string container, string database, string partitionKeyPath);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug,
        Message = "Cosmos DB query on {Container} crossed partitions ({RequestCharge} RU)")]
    public static partial void CrossPartitionQuery(ILogger logger, string container, double requestCharge);
}
