using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<WorkflowService>();
        return services;
    }
}
