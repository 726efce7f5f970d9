namespace RecomAmp.Sandbox.Lwa;

/// <summary>
/// How the Sandbox's Login with Amazon behaves (section <c>Sandbox:Lwa</c>). The defaults match the defaults
/// of RecomAmp's own <c>Lwa</c> section, so a local run signs in without any configuration.
/// </summary>
public sealed class SandboxLwaOptions
{
    public const string DefaultClientId = "amzn1.application-oa2-client.recomamp-sandbox";
    public const string DefaultClientSecret = "recomamp-sandbox-secret";
    public const string DefaultUserEmailAddress = "analyst@sandbox.local";
    public const string DefaultUserDisplayName = "Sandbox Analyst";

    /// <summary>The one client (application) the Sandbox knows.</summary>
    public string ClientId { get; set; } = DefaultClientId;

    public string ClientSecret { get; set; } = DefaultClientSecret;

    /// <summary>Who signs in when the authorize request carries no <c>login_hint</c>.</summary>
    public string DefaultUserEmail { get; set; } = DefaultUserEmailAddress;

    public string DefaultUserName { get; set; } = DefaultUserDisplayName;

    /// <summary>How long an authorization code can be redeemed (Amazon: 5 minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an access token is accepted (Amazon: 1 hour).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What a refresh grant answers about the refresh token; Amazon returns the same.</summary>
    public RefreshTokenRotation RefreshTokenRotation { get; set; } = RefreshTokenRotation.Same;
}
