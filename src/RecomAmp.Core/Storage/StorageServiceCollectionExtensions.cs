using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
