using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core;

public static class RecomAmpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole product: storage (the adapter that configuration picks), sign-in and the area services.
    /// The Functions app and DevHost both call this, so they run the same code.
    /// </summary>
    public static IServiceCollection AddRecomAmpCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services
            .AddRecomAmpStorage(configuration)
            .AddRecomAmpAuth(configuration)
            .AddRecomAmpAmc(configuration)
            .AddRecomAmpInstances()
            .AddRecomAmpWorkflows()
            .AddRecomAmpExecutions(configuration)
            .AddRecomAmpSchedules();
        return services;
    }
}
