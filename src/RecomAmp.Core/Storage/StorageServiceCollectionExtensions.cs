using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Storage.Cosmos;
using RecomAmp.Core.Storage.Embedded;

namespace RecomAmp.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StorageOptions"/> from the <c>Storage</c> section (and <see cref="CosmosOptions"/>
    /// from <c>Cosmos</c>) and registers the <see cref="DataFolder"/> and the <see cref="IDocumentStore"/>
    /// that <c>Storage:Provider</c> names (a singleton; for Cosmos, over one
    /// <see cref="Microsoft.Azure.Cosmos.CosmosClient"/> per process).
    /// The host registers logging. An unknown provider, or Cosmos settings that cannot be used, throw
    /// <see cref="InvalidOperationException"/> when the store is first resolved.
    /// </summary>
    public static IServiceCollection AddRecomAmpStorage(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>()
            .Bind(section)
            .PostConfigure(_ => RequireProviderName(section[nameof(StorageOptions.Provider)]));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataFolder>();
        services.TryAddSingleton<SqliteDocumentStore>();

        services.AddOptions<CosmosOptions>().Bind(configuration.GetSection(CosmosOptions.SectionName));
        services.TryAddSingleton(provider =>
            CosmosClientFactory.Create(provider.GetRequiredService<IOptions<CosmosOptions>>().Value));
        services.TryAddSingleton<CosmosDocumentStore>();
        services.TryAddSingleton<IDocumentStore>(CreateDocumentStore);
        return services;
    }

    // The binder also accepts a number for an enum; only the provider's name is allowed.
    private static void RequireProviderName(string? configured)
    {
        var isName = configured is null
            || Enum.GetNames<StorageProvider>().Contains(configured.Trim(), StringComparer.OrdinalIgnoreCase);
        if (!isName)
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:Provider is '{configured}'; use {StorageProvider.Embedded} or "
                + $"{StorageProvider.Cosmos}.");
        }
    }

    private static IDocumentStore CreateDocumentStore(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;
        return provider switch
        {
            StorageProvider.Embedded => services.GetRequiredService<SqliteDocumentStore>(),
            StorageProvider.Cosmos => services.GetRequiredService<CosmosDocumentStore>(),
            _ => throw new InvalidOperationException($"Unknown storage provider {provider}."),
        };
    }
}
