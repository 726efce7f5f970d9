using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecomAmp.Sandbox.Amc;
using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Registers the Sandbox's state and options (section <c>Sandbox</c>).</summary>
    public static IServiceCollection AddRecomAmpSandbox(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LwaSandboxAuthority>();
        services.AddSandboxAmc(configuration);
        return services;
    }
}
