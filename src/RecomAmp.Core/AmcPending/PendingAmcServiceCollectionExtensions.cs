using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Amc;

// Temporary: registers the interim AMC client until the AMC client lands on main.

public static class PendingAmcServiceCollectionExtensions
{
    public static IServiceCollection AddPendingAmcClient(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PendingAmcOptions>().Bind(configuration.GetSection(PendingAmcOptions.SectionName));
        services.AddSingleton<PendingAmcAccessTokens>();
        services.AddHttpClient<AmcReportingClient>(client => client.Timeout = TimeSpan.FromSeconds(100));
        return services;
    }
}
