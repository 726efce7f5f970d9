using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Cosmos;
using RecomAmp.Testing;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>
/// A database of its own on the test run's Cosmos DB account (see <see cref="CosmosTestServer"/>) for one
/// test class, deleted afterwards, with a client and stores over it.
/// </summary>
public sealed class CosmosDatabaseFixture : IAsyncLifetime
{
    private CosmosClient? _client;

    public CosmosOptions Options { get; private set; } = null!;

    public CosmosClient Client =>
        _client ?? throw new InvalidOperationException("The fixture is not started.");

    public Database Database => Client.GetDatabase(Options.DatabaseName);

    public async Task InitializeAsync()
    {
        var account = await CosmosTestServer.AccountAsync();
        Options = account.Options(CosmosTestAccount.NewDatabaseName("store-tests"));
        _client = CosmosClientFactory.Create(Options);
        await Client.CreateDatabaseIfNotExistsAsync(Options.DatabaseName);
    }

    public async Task DisposeAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            await Database.DeleteAsync();
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
        }

        _client.Dispose();
    }

    /// <summary>A store over this database, as the product registers it.</summary>
    public CosmosDocumentStore CreateStore() =>
        new(Client, Microsoft.Extensions.Options.Options.Create(Options),
            NullLogger<CosmosDocumentStore>.Instance);

    /// <summary>
    /// Creates a container as the store would, with composite indexes for the given sort fields.
    /// </summary>
    public Task CreateContainerAsync(string name, string partitionKeyPath, params string[] sortFields) =>
        Database.CreateContainerAsync(CosmosIndexing.ContainerProperties(name, partitionKeyPath, sortFields));
}
