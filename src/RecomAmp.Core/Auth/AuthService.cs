using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Auth;

/// <summary>
/// Sign-in with Login with Amazon (authorization code with PKCE), the signed-in user, and logout. A sign-in
/// is two calls: <see cref="StartLoginAsync"/> gives the authorize URL and stores a single-use state;
/// <see cref="CompleteAmazonSignInAsync"/> consumes it, redeems Amazon's code, keeps the Amazon refresh token
/// encrypted, and issues RecomAmp's own access token.
/// </summary>
public sealed partial class AuthService(
    IDocumentStore store,
    LwaClient lwa,
    AccessTokenIssuer accessTokens,
    AmazonRefreshTokenStore refreshTokens,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<AuthService> logger)
{
    /// <summary>How long a started sign-in can be completed.</summary>
    public static readonly TimeSpan LoginStateLifetime = TimeSpan.FromMinutes(10);

    private const int MaxRedirectUriLength = 2048;
    private const int MaxCodeLength = 2048;
    private const int MaxStateLength = 128;
    private const int MaxEmailLength = 320;
    private const int MaxNameLength = 200;
    private const int MaxWriteAttempts = 5;
    private const string StateRejected =
        "The sign-in state is unknown, already used or expired; start the sign-in again";

    /// <summary>Starts a sign-in that will return to <see cref="LoginRequest.RedirectUri"/>.</summary>
    /// <exception cref="RequestValidationException">redirect_uri is missing or not allowed.</exception>
    public async Task<LoginResponse> StartLoginAsync(
        LoginRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Required("redirect_uri", request.RedirectUri, MaxRedirectUriLength);
        errors.ThrowIfAny();
        var redirectUri = request.RedirectUri!;
        if (!options.Value.AllowedRedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            throw new RequestValidationException("redirect_uri", "This redirect URI is not allowed");
        }

        var state = RandomToken();
        var codeVerifier = RandomToken();
        var now = timeProvider.GetUtcNow();
        await store.CreateAsync(StorageContainers.LoginStates, state, state, new LoginStateDocument
        {
            Id = state,
            RedirectUri = redirectUri,
            CodeVerifier = codeVerifier,
            CreatedAt = now,
            ExpiresAt = now + LoginStateLifetime,
            Ttl = (int)LoginStateLifetime.TotalSeconds,
        }, cancellationToken);

        var authUrl = lwa.BuildAuthorizationUrl(redirectUri, state, CodeChallenge(codeVerifier));
        return new LoginResponse(authUrl.AbsoluteUri, state);
    }

    /// <summary>Completes a sign-in with the code and state Amazon sent to the redirect URI.</summary>
    /// <exception cref="RequestValidationException">A field is missing, the state is unknown, used or expired
    /// (field state), or Amazon refused the code (field code).</exception>
    /// <exception cref="UpstreamServiceException">Login with Amazon failed or refused RecomAmp.</exception>
    public async Task<SignInResponse> CompleteAmazonSignInAsync(
        AmazonCallbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Required("code", request.Code, MaxCodeLength);
        errors.Required("state", request.State, MaxStateLength);
        errors.ThrowIfAny();

        var loginState = await ConsumeLoginStateAsync(request.State!, cancellationToken);
        var amazonTokens = await RedeemCodeAsync(request.Code!, loginState, cancellationToken);
        var profile = await ReadProfileAsync(amazonTokens.AccessToken, cancellationToken);
        var user = await SaveUserAsync(profile, amazonTokens.RefreshToken, cancellationToken);

        var accessToken = accessTokens.Issue(user.Id);
        LogSignedIn(logger, user.Id);
        return new SignInResponse(
            accessToken.Token, new SignedInUser(user.Id, user.Email, user.FullName, user.CreatedAt));
    }

    /// <summary>The signed-in user's account.</summary>
    /// <exception cref="AuthenticationRequiredException">The token's user no longer exists.</exception>
    public async Task<CurrentUserResponse> GetCurrentUserAsync(
        AuthenticatedUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await store.ReadAsync<UserDocument>(
            StorageContainers.Users, user.UserId, user.UserId, cancellationToken)
            ?? throw new AuthenticationRequiredException("The user of this token no longer exists");

        var document = stored.Document;
        return new CurrentUserResponse(document.Id, document.Email, document.FullName, document.Timezone,
            document.EmailNotifications, document.CreatedAt);
    }

    /// <summary>Revokes the presented access token until it would have expired.</summary>
    public async Task<LogoutResponse> LogoutAsync(AuthenticatedUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = timeProvider.GetUtcNow();

        // The validator accepts a token until the clock skew past its expiry; the revocation lasts as long.
        var remaining = user.ExpiresAt + AccessTokenIssuer.ClockSkew - now;
        var ttl = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
        var revoked = new RevokedTokenDocument
        {
            Id = user.TokenId,
            UserId = user.UserId,
            RevokedAt = now,
            ExpiresAt = user.ExpiresAt,
            Ttl = ttl,
        };
        await store.UpsertAsync(
            StorageContainers.RevokedTokens, user.TokenId, user.TokenId, revoked, cancellationToken);

        LogLoggedOut(logger, user.UserId);
        return new LogoutResponse("Logged out");
    }

    private async Task<LoginStateDocument> ConsumeLoginStateAsync(
        string state, CancellationToken cancellationToken)
    {
        // Every state RecomAmp issues is base64url; anything else is not one, nor a valid document id.
        if (!state.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            LogStateRejected(logger, "malformed");
            throw new RequestValidationException("state", StateRejected);
        }

        var stored = await store.ReadAsync<LoginStateDocument>(
            StorageContainers.LoginStates, state, state, cancellationToken);
        if (stored is null)
        {
            LogStateRejected(logger, "unknown or used");
            throw new RequestValidationException("state", StateRejected);
        }

        try
        {
            // Deleting on the ETag just read makes the state single-use: of concurrent callbacks, one wins.
            await store.DeleteAsync(
                StorageContainers.LoginStates, state, state, stored.ETag, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentNotFoundException or DocumentPreconditionFailedException)
        {
            LogStateRejected(logger, "used concurrently");
            throw new RequestValidationException("state", StateRejected);
        }

        if (stored.Document.ExpiresAt <= timeProvider.GetUtcNow())
        {
            LogStateRejected(logger, "expired");
            throw new RequestValidationException("state", StateRejected);
        }

        return stored.Document;
    }

    private async Task<LwaTokens> RedeemCodeAsync(
        string code, LoginStateDocument loginState, CancellationToken cancellationToken)
    {
        try
        {
            return await lwa.ExchangeCodeAsync(
                code, loginState.RedirectUri, loginState.CodeVerifier, cancellationToken);
        }
        catch (LwaException ex) when (ex.IsInvalidGrant)
        {
            throw new RequestValidationException("code",
                "Amazon did not accept the authorization code: it is invalid, expired or already used. " +
                "Start the sign-in again");
        }
        catch (LwaException ex)
        {
            throw new UpstreamServiceException(
                $"Login with Amazon refused RecomAmp's sign-in request ({ex.Error}); check the Lwa settings");
        }
    }

    private async Task<LwaProfile> ReadProfileAsync(
        string amazonAccessToken, CancellationToken cancellationToken)
    {
        try
        {
            return await lwa.GetProfileAsync(amazonAccessToken, cancellationToken);
        }
        catch (LwaException ex)
        {
            throw new UpstreamServiceException(
                $"Login with Amazon did not give the user's profile ({ex.Error})");
        }
    }

    private async Task<UserDocument> SaveUserAsync(
        LwaProfile profile, string refreshToken, CancellationToken cancellationToken)
    {
        var userId = UserIds.FromLwaUserId(profile.UserId);
        var email = Bounded(profile.Email, MaxEmailLength);
        var name = Bounded(profile.Name, MaxNameLength) is { Length: > 0 } given ? given : email;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var encryptedRefreshToken = refreshTokens.Encrypt(userId, refreshToken);
            var current = await store.ReadAsync<UserDocument>(
                StorageContainers.Users, userId, userId, cancellationToken);
            try
            {
                if (current is null)
                {
                    var created = new UserDocument
                    {
                        Id = userId,
                        LwaUserId = profile.UserId,
                        Email = email,
                        FullName = name,
                        CreatedAt = now,
                        UpdatedAt = now,
                        EncryptedRefreshToken = encryptedRefreshToken,
                        RefreshTokenStoredAt = now,
                    };
                    await store.CreateAsync(
                        StorageContainers.Users, userId, userId, created, cancellationToken);
                    LogUserCreated(logger, userId);
                    return created;
                }

                var updated = current.Document with
                {
                    Email = email,
                    FullName = name,
                    UpdatedAt = now,
                    EncryptedRefreshToken = encryptedRefreshToken,
                    RefreshTokenStoredAt = now,
                };
                await store.ReplaceAsync(
                    StorageContainers.Users, userId, userId, updated, current.ETag, cancellationToken);
                return updated;
            }
            catch (Exception ex) when (ex is DocumentConflictException or DocumentPreconditionFailedException
                or DocumentNotFoundException)
            {
                // A concurrent sign-in of the same Amazon account wrote first; read it and apply ours.
                LogUserWriteRaced(logger, userId, attempt);
            }
        }

        throw new ResourceConflictException("The user changed repeatedly while signing in; try again");
    }

    private static string Bounded(string? value, int maxLength)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        return trimmed.Length <= maxLength ? trimmed : trimmed[..maxLength];
    }

    private static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string CodeChallenge(string codeVerifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "User {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "User {UserId} created at first sign-in")]
    private static partial void LogUserCreated(ILogger logger, string userId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Sign-in callback refused: state {Reason}")]
    private static partial void LogStateRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Concurrent sign-in of user {UserId} wrote first; attempt {Attempt} retries")]
    private static partial void LogUserWriteRaced(ILogger logger, string userId, int attempt);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "User {UserId} logged out")]
    private static partial void LogLoggedOut(ILogger logger, string userId);
}
