using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Instances;

public static class InstancesServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpInstances(this IServiceCollection services)
    {
        return services;
    }
}
