using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Sandbox.Amc;

namespace RecomAmp.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Registers the Sandbox's state and options (section <c>Sandbox</c>).</summary>
    public static IServiceCollection AddRecomAmpSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSandboxAmc(configuration);
        return services;
    }
}
