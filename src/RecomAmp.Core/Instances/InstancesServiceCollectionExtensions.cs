using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Instances;

public static class InstancesServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpInstances(this IServiceCollection services)
    {
        services.AddSingleton<InstanceLookup>();
        services.AddSingleton<InstanceService>();
        return services;
    }
}
