using RecomAmp.Core.Instances;

namespace RecomAmp.Core.Amc;

/// <summary>
/// The <c>Amc</c> configuration section: where the Amazon Ads API (AMC) lives per region, and how hard the
/// client retries. The client id sent to AMC is <c>Lwa:ClientId</c>: AMC accepts only the application that
/// the user's tokens were issued to.
/// </summary>
public sealed class AmcOptions
{
    public const string SectionName = "Amc";

    /// <summary>
    /// One base URL for every region, e.g. the Sandbox's <c>http://localhost:7071/sandbox</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The Ads API host of North America (instances in <c>us-east-1</c>).</summary>
    public string NaBaseUrl { get; set; } = "https://advertising-api.amazon.com";

    /// <summary>The Ads API host of Europe (instances in <c>eu-west-1</c>).</summary>
    public string EuBaseUrl { get; set; } = "https://advertising-api-eu.amazon.com";

    /// <summary>The Ads API host of the Far East (instances in <c>us-west-2</c>).</summary>
    public string FeBaseUrl { get; set; } = "https://advertising-api-fe.amazon.com";

    /// <summary>Retries after the first attempt on 429, 5xx and transport failures.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first back-off delay; it doubles with each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts, also for a longer <c>Retry-After</c>: a caller waits at most
    /// about <see cref="MaxRetryAttempts"/> times this.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned (and retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The base URL in effect for an instance region.</summary>
    /// <exception cref="ArgumentException">The region is not one of <see cref="AmcRegions.All"/>.</exception>
    public Uri ResolveBaseUrl(string region)
    {
        var url = !string.IsNullOrWhiteSpace(BaseUrl)
            ? BaseUrl
            : region switch
            {
                AmcRegions.NorthAmerica => NaBaseUrl,
                AmcRegions.Europe => EuBaseUrl,
                AmcRegions.FarEast => FeBaseUrl,
                _ => throw new ArgumentException($"Unknown AMC region '{region}'", nameof(region)),
            };
        return new Uri(url.TrimEnd('/') + "/", UriKind.Absolute);
    }

    /// <summary>True when every URL is an absolute http(s) URL and the retry settings make sense.</summary>
    public bool IsValid() =>
        (string.IsNullOrWhiteSpace(BaseUrl) || IsHttpUrl(BaseUrl))
        && IsHttpUrl(NaBaseUrl) && IsHttpUrl(EuBaseUrl) && IsHttpUrl(FeBaseUrl)
        && MaxRetryAttempts is >= 0 and <= 20
        && RetryBaseDelay >= TimeSpan.Zero && RetryBaseDelay <= MaxRetryDelay
        && MaxRetryDelay <= TimeSpan.FromMinutes(10)
        && AttemptTimeout >= TimeSpan.FromMilliseconds(10) && AttemptTimeout <= TimeSpan.FromHours(1);

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
