using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Registers the Sandbox's state and options (section <c>Sandbox</c>).</summary>
    public static IServiceCollection AddRecomAmpSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
