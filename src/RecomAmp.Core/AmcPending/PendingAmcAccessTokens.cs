using System.Collections.Concurrent;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Amc;

// Temporary: access tokens of the interim AMC client, until the AMC client lands on main.

/// <summary>Caches each user's Amazon access token until shortly before it expires.</summary>
public sealed class PendingAmcAccessTokens(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, LwaTokens> _tokens = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(
        string userId,
        AmazonRefreshTokenStore refreshTokens,
        LwaClient lwa,
        bool forceRefresh,
        CancellationToken cancellationToken)
    {
        if (!forceRefresh && _tokens.TryGetValue(userId, out var cached)
            && cached.AccessTokenExpiresAt - TimeSpan.FromMinutes(1) > timeProvider.GetUtcNow())
        {
            return cached.AccessToken;
        }

        var refreshToken = await refreshTokens.GetAsync(userId, cancellationToken);
        var tokens = await lwa.RefreshAsync(refreshToken, cancellationToken);
        if (tokens.RefreshToken != refreshToken)
        {
            await refreshTokens.SaveAsync(userId, tokens.RefreshToken, cancellationToken);
        }

        _tokens[userId] = tokens;
        return tokens.AccessToken;
    }
}
