namespace RecomAmp.Core.Auth;

/// <summary>The <c>Auth</c> configuration section: RecomAmp's own sign-in and access tokens.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const string DefaultRedirectUri = "http://localhost:5173/auth/callback";

    /// <summary>
    /// The exact redirect URIs a sign-in may return to (each must also be registered with Amazon). When none
    /// is configured, <see cref="DefaultRedirectUri"/> is the only one.
    /// </summary>
    public IList<string> AllowedRedirectUris { get; } = [];

    /// <summary>The <c>iss</c> of RecomAmp's access tokens.</summary>
    public string Issuer { get; set; } = "recomamp";

    /// <summary>The <c>aud</c> of RecomAmp's access tokens.</summary>
    public string Audience { get; set; } = "recomamp-api";

    /// <summary>How long an access token is accepted after sign-in.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Base64 of at least 32 bytes that signs access tokens (HS256). When empty, a key is generated once and
    /// kept in the data folder file <c>jwt-signing.key</c>: fine for development, not for several hosts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Base64 of at least 32 bytes from which the key that encrypts Amazon refresh tokens at rest is derived.
    /// When empty, a key is generated once and kept in the data folder file <c>token-encryption.key</c>.
    /// Changing it makes every stored refresh token unreadable, so users must sign in again.
    /// </summary>
    public string? TokenEncryptionKey { get; set; }
}
