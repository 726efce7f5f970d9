using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Cosmos;
using RecomAmp.Core.Storage.Embedded;

namespace RecomAmp.Core.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests(TemporaryDataFolder folder)
    : IClassFixture<TemporaryDataFolder>
{
    [Theory]
    [InlineData("Embedded")]
    [InlineData("embedded")]
    [InlineData(null)]
    public async Task AddRecomAmpStorage_EmbeddedProvider_ResolvesOneSqliteStoreInDataFolder(
        string? provider)
    {
        using var services = BuildServices(provider);

        var store = services.GetRequiredService<IDocumentStore>();
        await store.CountAsync("probe", DocumentQuery.All, null, CancellationToken.None);

        var sqliteStore = Assert.IsType<SqliteDocumentStore>(store);
        Assert.Same(store, services.GetRequiredService<IDocumentStore>());
        var expectedPath = Path.Combine(folder.Path, SqliteDocumentStore.DatabaseFileName);
        Assert.Equal(expectedPath, sqliteStore.DatabasePath);
        Assert.True(File.Exists(sqliteStore.DatabasePath));
    }

    [Fact]
    public void AddRecomAmpStorage_CosmosProvider_ResolvesOneCosmosStoreOverOneClient()
    {
        using var services = BuildServices("Cosmos", new()
        {
            ["Cosmos:AccountEndpoint"] = "https://127.0.0.1:8081/",
            ["Cosmos:AccountKey"] = Convert.ToBase64String(new byte[64]),
            ["Cosmos:DatabaseName"] = "configured",
        });

        var store = services.GetRequiredService<IDocumentStore>();

        var cosmosStore = Assert.IsType<CosmosDocumentStore>(store);
        Assert.Equal("configured", cosmosStore.DatabaseName);
        Assert.Same(store, services.GetRequiredService<IDocumentStore>());
        var client = services.GetRequiredService<CosmosClient>();
        Assert.Same(client, services.GetRequiredService<CosmosClient>());
        Assert.Equal(new Uri("https://127.0.0.1:8081/"), client.Endpoint);
        Assert.Equal(ConnectionMode.Gateway, client.ClientOptions.ConnectionMode);
        Assert.True(client.ClientOptions.LimitToEndpoint);
    }

    [Fact]
    public void AddRecomAmpStorage_CosmosProviderWithoutEndpoint_FailsAtResolutionNamingTheSetting()
    {
        using var services = BuildServices("Cosmos");

        var resolve = () => services.GetRequiredService<IDocumentStore>();

        var error = Assert.Throws<InvalidOperationException>(resolve);
        Assert.Contains("Cosmos:AccountEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mongo")]
    [InlineData("1")]
    [InlineData("7")]
    public void AddRecomAmpStorage_UnknownProvider_FailsAtResolution(string provider)
    {
        using var services = BuildServices(provider);

        var resolve = () => services.GetRequiredService<IDocumentStore>();

        var error = Assert.Throws<InvalidOperationException>(resolve);
        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider BuildServices(string? provider, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? []) { ["Storage:DataPath"] = folder.Path };
        if (provider is not null)
        {
            settings["Storage:Provider"] = provider;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddRecomAmpStorage(configuration)
            .BuildServiceProvider(
                new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
