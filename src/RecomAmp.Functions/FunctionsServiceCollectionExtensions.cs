using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core;
using RecomAmp.Functions.Http;

namespace RecomAmp.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the functions need: the Core product plus the HTTP plumbing. DevHost calls this too, so the
    /// functions it serves are built from the same registrations as under the Functions host.
    /// </summary>
    public static IServiceCollection AddRecomAmpFunctions(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRecomAmpCore(configuration);
        services.AddSingleton<ApiRequestHandler>();
        return services;
    }
}
