using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Instances;

public static class InstancesServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpInstances(this IServiceCollection services)
    {
        services.AddSingleton<InstanceLookup>();
        services.AddSingleton<InstanceService>();

        // Transient like the AMC client it uses (a typed HttpClient).
        services.AddTransient<InstanceConnectionTester>();
        return services;
    }
}
