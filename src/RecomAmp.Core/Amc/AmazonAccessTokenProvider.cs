using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Amc;

/// <summary>
/// Login with Amazon access tokens for the users' Amazon Ads API calls. A token comes from the user's stored
/// refresh token (<see cref="LwaClient.RefreshAsync"/>) and is kept in memory until shortly before it
/// expires; a refresh token that Amazon rotates is saved at once. Callers for the same user share one
/// refresh: the others wait for it and take its token.
/// </summary>
/// <remarks>Register it as a singleton: the cache is what saves Amazon a token request per call.</remarks>
public sealed partial class AmazonAccessTokenProvider(
    IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<AmazonAccessTokenProvider> logger)
{
    /// <summary>
    /// A token is replaced this long before Amazon's expiry, so no call leaves with a dying one.
    /// </summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, UserTokens> _users = new(StringComparer.Ordinal);

    /// <summary>A usable access token for the user: the cached one, or a fresh one.</summary>
    /// <exception cref="AuthenticationRequiredException">
    /// The user has no usable Amazon authorization (none stored, unreadable, or revoked): sign in again.
    /// </exception>
    /// <exception cref="UpstreamServiceException">Login with Amazon was unreachable or failed.</exception>
    public async Task<string> GetAccessTokenAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var user = _users.GetOrAdd(userId, _ => new UserTokens());
        if (IsFresh(user.Current) is { } cached)
        {
            return cached;
        }

        await user.Gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the gate before may have refreshed already.
            return IsFresh(user.Current) ?? await RefreshAsync(userId, user, cancellationToken);
        }
        finally
        {
            user.Gate.Release();
        }
    }

    /// <summary>
    /// A new access token after Amazon rejected <paramref name="rejectedAccessToken"/> (HTTP 401). Callers
    /// that saw the same token rejected at the same time cause one refresh: the later ones take its result.
    /// </summary>
    /// <exception cref="AuthenticationRequiredException">The user must sign in with Amazon again.</exception>
    /// <exception cref="UpstreamServiceException">Login with Amazon was unreachable or failed.</exception>
    public async Task<string> RefreshAfterRejectionAsync(
        string userId, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(rejectedAccessToken);
        var user = _users.GetOrAdd(userId, _ => new UserTokens());
        await user.Gate.WaitAsync(cancellationToken);
        try
        {
            var current = IsFresh(user.Current);
            return current is not null && current != rejectedAccessToken
                ? current
                : await RefreshAsync(userId, user, cancellationToken);
        }
        finally
        {
            user.Gate.Release();
        }
    }

    /// <summary>Forgets the user's cached access token; the next call refreshes.</summary>
    public void Invalidate(string userId)
    {
        if (_users.TryGetValue(userId, out var user))
        {
            user.Current = null;
        }
    }

    private string? IsFresh(CachedToken? token) =>
        token is not null && timeProvider.GetUtcNow() < token.FreshUntil ? token.AccessToken : null;

    private async Task<string> RefreshAsync(
        string userId, UserTokens user, CancellationToken cancellationToken)
    {
        user.Current = null;
        using var scope = scopeFactory.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<AmazonRefreshTokenStore>();
        var lwa = scope.ServiceProvider.GetRequiredService<LwaClient>();

        var refreshToken = await store.GetAsync(userId, cancellationToken);
        LwaTokens tokens;
        try
        {
            tokens = await lwa.RefreshAsync(refreshToken, cancellationToken);
        }
        catch (LwaException ex)
        {
            LogRefreshRefused(logger, ex, userId, ex.Error);
            throw new AuthenticationRequiredException(
                "Sign in with Amazon again: Amazon no longer accepts the stored authorization");
        }

        if (tokens.RefreshToken != refreshToken)
        {
            // Once Amazon has rotated the token, the old one may be dead: the new one must be kept even if
            // the caller gives up now.
            await store.SaveAsync(userId, tokens.RefreshToken, CancellationToken.None);
            LogRefreshTokenRotated(logger, userId);
        }

        var now = timeProvider.GetUtcNow();
        var lifetime = tokens.AccessTokenExpiresAt - now;
        var margin = lifetime > 2 * ExpiryMargin ? ExpiryMargin : lifetime / 2;
        user.Current = new CachedToken(tokens.AccessToken, tokens.AccessTokenExpiresAt - margin);
        LogRefreshed(logger, userId, tokens.AccessTokenExpiresAt);
        return tokens.AccessToken;
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug,
        Message = "Got an Amazon access token for user {UserId}, valid until {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string userId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Amazon rotated the refresh token of user {UserId}; the new one is stored")]
    private static partial void LogRefreshTokenRotated(ILogger logger, string userId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "Amazon refused to refresh the access token of user {UserId}: {Error}")]
    private static partial void LogRefreshRefused(
        ILogger logger, Exception exception, string userId, string error);

    private sealed record CachedToken(string AccessToken, DateTimeOffset FreshUntil);

    private sealed class UserTokens
    {
        private volatile CachedToken? _current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public CachedToken? Current
        {
            get => _current;
            set => _current = value;
        }
    }
}
