namespace RecomAmp.Core.Auth;

/// <summary>
/// The <c>Lwa</c> configuration section: which Login with Amazon to use and RecomAmp's client registration
/// there. The client id and secret default to the Sandbox's, so a local run needs only <see cref="BaseUrl"/>
/// pointed at the Sandbox (e.g. <c>http://localhost:7071/sandbox</c>).
/// </summary>
public sealed class LwaOptions
{
    public const string SectionName = "Lwa";
    public const string DefaultClientId = "amzn1.application-oa2-client.recomamp-sandbox";
    public const string DefaultClientSecret = "recomamp-sandbox-secret";
    public const string DefaultScope = "profile advertising::campaign_management";

    /// <summary>Picks Amazon's hosts when no URL below is set.</summary>
    public LwaRegion Region { get; set; } = LwaRegion.NA;

    /// <summary>
    /// One base URL for all three endpoints, laid out as the Sandbox serves them (<c>{BaseUrl}/ap/oa</c>,
    /// <c>{BaseUrl}/auth/o2/token</c>, <c>{BaseUrl}/user/profile</c>). Overrides <see cref="Region"/>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The browser's authorize page; overrides <see cref="BaseUrl"/> and
    /// <see cref="Region"/>.</summary>
    public string? AuthorizeUrl { get; set; }

    /// <summary>The token endpoint; overrides <see cref="BaseUrl"/> and <see cref="Region"/>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>The profile endpoint; overrides <see cref="BaseUrl"/> and <see cref="Region"/>.</summary>
    public string? ProfileUrl { get; set; }

    public string ClientId { get; set; } = DefaultClientId;

    public string ClientSecret { get; set; } = DefaultClientSecret;

    /// <summary>Space-separated scopes asked for at sign-in; <c>profile</c> gives name and email.</summary>
    public string Scope { get; set; } = DefaultScope;

    /// <summary>The authorize page in effect.</summary>
    public Uri ResolveAuthorizeUrl() => Resolve(AuthorizeUrl, "ap/oa", Region switch
    {
        LwaRegion.EU => "https://eu.account.amazon.com/ap/oa",
        LwaRegion.FE => "https://apac.account.amazon.com/ap/oa",
        _ => "https://www.amazon.com/ap/oa",
    });

    /// <summary>The token endpoint in effect.</summary>
    public Uri ResolveTokenUrl() => Resolve(TokenUrl, "auth/o2/token", ApiHost() + "/auth/o2/token");

    /// <summary>The profile endpoint in effect.</summary>
    public Uri ResolveProfileUrl() => Resolve(ProfileUrl, "user/profile", ApiHost() + "/user/profile");

    /// <summary>True when every URL in effect is an absolute http or https URL.</summary>
    public bool HasValidUrls()
    {
        string?[] configured = [BaseUrl, AuthorizeUrl, TokenUrl, ProfileUrl];
        return configured.All(u => string.IsNullOrWhiteSpace(u) || IsHttpUrl(u));
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // Amazon's documents name the EU and FE token hosts; the profile endpoint is assumed to live on the same
    // host as the token endpoint in every region. ProfileUrl overrides it if Amazon answers elsewhere.
    private string ApiHost() => Region switch
    {
        LwaRegion.EU => "https://api.amazon.co.uk",
        LwaRegion.FE => "https://api.amazon.co.jp",
        _ => "https://api.amazon.com",
    };

    private Uri Resolve(string? explicitUrl, string pathUnderBase, string amazonUrl)
    {
        if (!string.IsNullOrWhiteSpace(explicitUrl))
        {
            return new Uri(explicitUrl, UriKind.Absolute);
        }

        return string.IsNullOrWhiteSpace(BaseUrl)
            ? new Uri(amazonUrl, UriKind.Absolute)
            : new Uri(new Uri(BaseUrl.TrimEnd('/') + "/", UriKind.Absolute), pathUnderBase);
    }
}
