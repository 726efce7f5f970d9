using System.Collections.Concurrent;
using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// The containers of the store's database. Containers of <see cref="StorageContainers"/> are created on first
/// use when <see cref="CosmosOptions.ShouldCreateIfMissing"/>; any other container must exist already (a
/// missing one reads as empty). What a container can do is read once per process and kept.
/// </summary>
internal sealed class CosmosContainerCatalog(CosmosClient client, CosmosOptions options, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CosmosContainerInfo?>>> _containers =
        new(StringComparer.Ordinal);

    private readonly Lock _databaseGate = new();
    private Task? _database;

    public string DatabaseName => options.DatabaseName;

    /// <summary>The SDK's handle of a container, made sure of first when the store creates it.</summary>
    public async Task<Container> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        if (CreatesContainer(name))
        {
            var info = await InfoAsync(name, cancellationToken);
            return info!.Container;
        }

        return client.GetContainer(options.DatabaseName, name);
    }

    /// <summary>What the container can do; null when it does not exist.</summary>
    public async Task<CosmosContainerInfo?> InfoAsync(string name, CancellationToken cancellationToken)
    {
        // The lookup is shared by concurrent callers, so it runs to the end whoever cancels; each caller
        // stops waiting on its own token.
        var lookup = _containers.GetOrAdd(
            name, key => new Lazy<Task<CosmosContainerInfo?>>(() => LookUpAsync(key)));
        try
        {
            var info = await lookup.Value.WaitAsync(cancellationToken);
            if (info is null)
            {
                // A container created later (by a deployment or a test) is seen on the next call.
                _containers.TryRemove(KeyValuePair.Create(name, lookup));
            }

            return info;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _containers.TryRemove(KeyValuePair.Create(name, lookup));
            throw;
        }
    }

    private bool CreatesContainer(string name) =>
        options.ShouldCreateIfMissing && StorageContainers.PartitionKeyPaths.ContainsKey(name);

    private async Task<CosmosContainerInfo?> LookUpAsync(string name)
    {
        var container = client.GetContainer(options.DatabaseName, name);
        if (CreatesContainer(name))
        {
            await EnsureDatabaseAsync();
            var properties = CosmosIndexing.ContainerProperties(
                name, StorageContainers.PartitionKeyPaths[name], CosmosIndexing.SortFields);
            var database = client.GetDatabase(options.DatabaseName);
            var created = await database.CreateContainerIfNotExistsAsync(properties);
            CosmosStoreLog.ContainerReady(
                logger, name, options.DatabaseName, created.Resource.PartitionKeyPath);
            return CosmosContainerInfo.From(container, created.Resource);
        }

        try
        {
            var read = await container.ReadContainerAsync();
            return CosmosContainerInfo.From(container, read.Resource);
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task EnsureDatabaseAsync()
    {
        lock (_databaseGate)
        {
            // A failed attempt (the account unreachable for a moment) is tried again by the next caller.
            if (_database is null || _database.IsFaulted || _database.IsCanceled)
            {
                _database = CreateDatabaseAsync();
            }

            return _database;
        }
    }

    private async Task CreateDatabaseAsync()
    {
        await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName);
        CosmosStoreLog.DatabaseReady(logger, options.DatabaseName);
    }
}
