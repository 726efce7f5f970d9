using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Cosmos;

namespace RecomAmp.Api.Tests;

/// <summary>DevHost with <c>Storage:Provider=Cosmos</c> keeps the product's documents in Cosmos DB.</summary>
public sealed class CosmosStorageTests(CosmosDevHostFixture devHost) : IClassFixture<CosmosDevHostFixture>
{
    [Fact]
    public async Task SignIn_OnCosmos_StoresTheUserInTheConfiguredDatabase()
    {
        await devHost.SignInAsync("stored-in-cosmos@example.com");

        var store = devHost.Services.GetRequiredService<IDocumentStore>();
        var users = devHost.Services.GetRequiredService<CosmosClient>()
            .GetDatabase(devHost.DatabaseName)
            .GetContainer(StorageContainers.Users);
        using var count = users.GetItemQueryIterator<long>("SELECT VALUE COUNT(1) FROM c");
        var stored = (await count.ReadNextAsync()).Single();

        var cosmosStore = Assert.IsType<CosmosDocumentStore>(store);
        Assert.Equal(devHost.DatabaseName, cosmosStore.DatabaseName);
        Assert.Equal(1, stored);
    }
}
