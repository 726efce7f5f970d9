using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RecomAmp.Core.Auth;

/// <summary>
/// Issues and reads RecomAmp's access tokens: HS256 JWTs with <c>iss</c>, <c>aud</c>, <c>sub</c> (our user
/// id), <c>jti</c>, <c>iat</c>, <c>nbf</c> and <c>exp</c>. Reading checks everything a token carries; whether
/// it was revoked is the job of <see cref="AccessTokenValidator"/>.
/// </summary>
public sealed class AccessTokenIssuer(IOptions<AuthOptions> options, AuthKeys keys, TimeProvider timeProvider)
{
    /// <summary>How far a token's times may disagree with this host's clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Far above any token this service issues; anything longer is refused before it is parsed.
    private const int MaxTokenLength = 4096;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lazy<SymmetricSecurityKey> _signingKey =
        new(() => new SymmetricSecurityKey(keys.SigningKey.ToArray()));

    /// <summary>A new access token for the user, valid for
    /// <see cref="AuthOptions.AccessTokenLifetime"/>.</summary>
    public IssuedAccessToken Issue(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var settings = options.Value;
        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = now + settings.AccessTokenLifetime;
        var tokenId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = userId,
                [JwtRegisteredClaimNames.Jti] = tokenId,
            },
            SigningCredentials = new SigningCredentials(_signingKey.Value, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedAccessToken(token, tokenId, expiresAt);
    }

    /// <summary>
    /// The user a token proves, when its signature, issuer, audience and lifetime hold; null otherwise.
    /// </summary>
    public async Task<AuthenticatedUser?> ReadAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxTokenLength)
        {
            return null;
        }

        var settings = options.Value;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKey = _signingKey.Value,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,

            // The handler's lifetime check reads the system clock; it is done below with the injected one.
            ValidateLifetime = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var expires)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var notBefore))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        if (expiresAt + ClockSkew <= now || DateTimeOffset.FromUnixTimeSeconds(notBefore) - ClockSkew > now)
        {
            return null;
        }

        var userId = jwt.Subject;
        var tokenId = jwt.Id;
        return string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(tokenId)
            ? null
            : new AuthenticatedUser(userId, tokenId, expiresAt);
    }
}
