using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Storage;
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
    public void AddRecomAmpStorage_CosmosProvider_FailsAtResolutionSayingSo()
    {
        using var services = BuildServices("Cosmos");

        var resolve = () => services.GetRequiredService<IDocumentStore>();

        var error = Assert.Throws<InvalidOperationException>(resolve);

        Assert.Contains("Cosmos", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embedded", error.Message, StringComparison.Ordinal);
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

    private ServiceProvider BuildServices(string? provider)
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataPath"] = folder.Path };
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
