using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Storage.Embedded;

namespace RecomAmp.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StorageOptions"/> from the <c>Storage</c> section and registers the
    /// <see cref="DataFolder"/> and the <see cref="IDocumentStore"/> that <c>Storage:Provider</c> names (a
    /// singleton). The host registers logging. An unknown provider, or one this build does not carry, throws
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
            StorageProvider.Cosmos => throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:Provider is {StorageProvider.Cosmos}, but this build has no "
                + $"Cosmos DB document store yet. Set {StorageOptions.SectionName}:Provider to "
                + $"{StorageProvider.Embedded}."),
            _ => throw new InvalidOperationException($"Unknown storage provider {provider}."),
        };
    }
}
