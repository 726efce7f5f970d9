using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Auth;

public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
