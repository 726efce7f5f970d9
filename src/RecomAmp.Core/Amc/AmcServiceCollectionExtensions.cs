using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Amc;

public static class AmcServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AMC client: options (section <c>Amc</c>), <see cref="AmazonAccessTokenProvider"/> and
    /// <see cref="AmcReportingClient"/> with its retry pipeline. Needs the auth registrations
    /// (<see cref="Auth.LwaClient"/>, <see cref="Auth.AmazonRefreshTokenStore"/>) and a
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddRecomAmpAmc(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AmcOptions>()
            .Bind(configuration.GetSection(AmcOptions.SectionName))
            .Validate(o => o.IsValid(),
                "Amc: the base URLs must be absolute http(s) URLs, MaxRetryAttempts 0 to 20, RetryBaseDelay "
                + "at most MaxRetryDelay (at most 10 minutes), AttemptTimeout between 10 ms and 1 hour")
            .ValidateOnStart();

        services.AddSingleton<AmazonAccessTokenProvider>();

        // The pipeline bounds each attempt and the retries bound the whole; HttpClient's own timeout would
        // cut a call short in the middle of honouring a Retry-After.
        services.AddHttpClient<AmcReportingClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(
                AmcResilience.PipelineName,
                (builder, context) => AmcResilience.Configure(builder, context.ServiceProvider));
        return services;
    }
}
