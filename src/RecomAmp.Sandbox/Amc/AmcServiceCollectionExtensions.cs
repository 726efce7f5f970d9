using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecomAmp.Sandbox.Amc.Api;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Amc;

public static class AmcServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Sandbox's AMC (options from section <c>Sandbox:Amc</c>, see <see cref="AmcSandboxOptions"/>):
    /// the DuckDB engine, the in-memory state, the background runner and <see cref="AmcFaultInjection"/>.
    /// Callers are authenticated with the registered <see cref="ISandboxAccessTokens"/>: by default the access
    /// tokens of the Sandbox's Login with Amazon (a host or test may register its own first).
    /// </summary>
    public static IServiceCollection AddSandboxAmc(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AmcSandboxOptions>().Bind(configuration.GetSection(AmcSandboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AmcResultsFolder.For(sp.GetRequiredService<IOptions<AmcSandboxOptions>>().Value));
        services.AddSingleton(sp => new AmcEngine(
            sp.GetRequiredService<IOptions<AmcSandboxOptions>>().Value.Data,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AmcEngine>>(),
            sp.GetRequiredService<AmcResultsFolder>().Path));
        services.TryAddSingleton<ISandboxAccessTokens>(sp =>
            new LwaSandboxAccessTokens(sp.GetRequiredService<Lwa.LwaSandboxAuthority>()));
        services.AddSingleton<AmcSandboxState>();
        services.AddSingleton<AmcFaultInjection>();
        services.AddSingleton<AmcDownloadLinks>();
        services.AddSingleton<AmcRequestGuard>();
        services.AddSingleton<AmcApiHandlers>();
        services.AddSingleton<AmcExecutionRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AmcExecutionRunner>());
        return services;
    }
}
