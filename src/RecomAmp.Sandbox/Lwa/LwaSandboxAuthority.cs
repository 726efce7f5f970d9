using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RecomAmp.Sandbox.Lwa;

/// <summary>
/// The Sandbox's Login with Amazon: its users, authorization codes and tokens, held in memory and safe for
/// concurrent use. The rules follow Amazon's: codes are single-use and expire after
/// <see cref="SandboxLwaOptions.AuthorizationCodeLifetime"/>, PKCE uses S256, access tokens expire, refresh
/// tokens do not. Everything is forgotten when the process stops. Other Sandbox areas (AMC, Ads) authenticate
/// their callers with <see cref="FindUserByAccessToken"/>.
/// </summary>
public sealed class LwaSandboxAuthority(IOptions<SandboxOptions> options, TimeProvider timeProvider)
{
    private const int MaxEmailLength = 254;
    private const int MaxParameterLength = 2048;
    private static readonly TimeSpan _pruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, SandboxLwaUser> _usersByEmail = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    private SandboxLwaOptions Settings => options.Value.Lwa;

    /// <summary>
    /// Checks what must be right before the authorize endpoint may redirect at all: the client and the
    /// redirect URI. Any other authorize error is reported to the redirect URI instead.
    /// </summary>
    /// <exception cref="LwaProtocolException">Unknown client, or a missing or bad redirect URI.</exception>
    public Uri CheckClientAndRedirectUri(string? clientId, string? redirectUri)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            throw new LwaProtocolException(400, "invalid_request", "client_id is required");
        }

        if (!FixedTimeEquals(clientId, Settings.ClientId))
        {
            throw new LwaProtocolException(400, "invalid_client", "Unknown client_id");
        }

        if (string.IsNullOrEmpty(redirectUri))
        {
            throw new LwaProtocolException(400, "invalid_request", "redirect_uri is required");
        }

        if (redirectUri.Length > MaxParameterLength
            || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new LwaProtocolException(400, "invalid_request",
                "redirect_uri must be an absolute http or https URI without a fragment");
        }

        return uri;
    }

    /// <summary>
    /// Signs the user in (the default user, or the one <paramref name="request"/>'s login hint names, created
    /// on first use), records the consent and returns a new authorization code.
    /// </summary>
    /// <exception cref="LwaProtocolException">An error to report to the redirect URI.</exception>
    public string IssueAuthorizationCode(LwaAuthorizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckClientAndRedirectUri(request.ClientId, request.RedirectUri);
        if (request.ResponseType != "code")
        {
            throw new LwaProtocolException(400, "unsupported_response_type", "response_type must be code");
        }

        var scope = CheckScope(request.Scope);
        var challenge = CheckCodeChallenge(request.CodeChallenge, request.CodeChallengeMethod);
        var user = SignIn(request.LoginHint);

        var now = timeProvider.GetUtcNow();
        PruneIfDue(now);
        var code = NewSecret(20);
        var expiresAt = now + Settings.AuthorizationCodeLifetime;
        _codes[code] = new CodeGrant(
            user, request.ClientId!, request.RedirectUri!, scope, challenge, expiresAt);
        return code;
    }

    /// <summary>Redeems an authorization code (authorization_code grant); any attempt spends it.</summary>
    /// <exception cref="LwaProtocolException">invalid_request, invalid_client or invalid_grant.</exception>
    public LwaSandboxTokens RedeemAuthorizationCode(
        LwaClientCredentials client, string? code, string? redirectUri, string? codeVerifier)
    {
        ArgumentNullException.ThrowIfNull(client);
        RequireParameter("code", code);
        RequireParameter("redirect_uri", redirectUri);
        var clientId = AuthenticateClient(client);

        if (!_codes.TryRemove(code!, out var grant))
        {
            throw InvalidGrant("The authorization code is unknown or was already used");
        }

        if (grant.ExpiresAt <= timeProvider.GetUtcNow())
        {
            throw InvalidGrant("The authorization code has expired");
        }

        if (grant.ClientId != clientId)
        {
            throw InvalidGrant("The authorization code was issued to another client");
        }

        if (grant.RedirectUri != redirectUri)
        {
            throw InvalidGrant("redirect_uri does not match the one of the authorize request");
        }

        if (grant.CodeChallenge is not null && !VerifierMatches(codeVerifier, grant.CodeChallenge))
        {
            throw InvalidGrant("code_verifier does not match the code_challenge");
        }

        var refreshToken = "Atzr|" + NewSecret(48);
        _refreshTokens[refreshToken] = new RefreshGrant(grant.User, clientId, grant.Scope);
        return new LwaSandboxTokens(IssueAccessToken(grant.User, clientId, grant.Scope), refreshToken,
            Settings.AccessTokenLifetime);
    }

    /// <summary>Issues a new access token for a refresh token (grant_type=refresh_token).</summary>
    /// <exception cref="LwaProtocolException">invalid_request, invalid_client or invalid_grant.</exception>
    public LwaSandboxTokens Refresh(LwaClientCredentials client, string? refreshToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        RequireParameter("refresh_token", refreshToken);
        var clientId = AuthenticateClient(client);

        if (!_refreshTokens.TryGetValue(refreshToken!, out var grant) || grant.ClientId != clientId)
        {
            throw InvalidGrant("The refresh token is unknown or was revoked");
        }

        string? returnedRefreshToken = refreshToken;
        switch (Settings.RefreshTokenRotation)
        {
            case RefreshTokenRotation.Rotated:
                if (!_refreshTokens.TryRemove(KeyValuePair.Create(refreshToken!, grant)))
                {
                    throw InvalidGrant("The refresh token is unknown or was revoked");
                }

                returnedRefreshToken = "Atzr|" + NewSecret(48);
                _refreshTokens[returnedRefreshToken] = grant;
                break;
            case RefreshTokenRotation.Omitted:
                returnedRefreshToken = null;
                break;
            case RefreshTokenRotation.Same:
            default:
                break;
        }

        var accessToken = IssueAccessToken(grant.User, clientId, grant.Scope);
        return new LwaSandboxTokens(accessToken, returnedRefreshToken, Settings.AccessTokenLifetime);
    }

    /// <summary>The profile the access token may read: all of it with scope <c>profile</c>, the id alone with
    /// <c>profile:user_id</c>.</summary>
    /// <exception cref="LwaProtocolException">401 invalid_token, or 403 insufficient_scope.</exception>
    public LwaSandboxProfile ReadProfile(string? accessToken)
    {
        var grant = FindAccessGrant(accessToken)
            ?? throw new LwaProtocolException(
                401, "invalid_token", "The access token is invalid or has expired");

        if (grant.Scope.Contains("profile"))
        {
            return new LwaSandboxProfile(grant.User.UserId, grant.User.Name, grant.User.Email);
        }

        return grant.Scope.Contains("profile:user_id")
            ? new LwaSandboxProfile(grant.User.UserId, null, null)
            : throw new LwaProtocolException(
                403, "insufficient_scope", "The access token was not granted the profile scope");
    }

    /// <summary>The user of an unexpired Sandbox access token; null for any other token.</summary>
    public SandboxLwaUser? FindUserByAccessToken(string? accessToken) => FindAccessGrant(accessToken)?.User;

    /// <summary>The Sandbox user of that email address, created on first use with a stable id.</summary>
    public SandboxLwaUser GetOrCreateUser(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var key = email.Trim().ToLowerInvariant();
        return _usersByEmail.GetOrAdd(key, CreateUser);
    }

    private SandboxLwaUser SignIn(string? loginHint)
    {
        if (string.IsNullOrEmpty(loginHint))
        {
            return GetOrCreateUser(Settings.DefaultUserEmail);
        }

        if (loginHint.Length > MaxEmailLength || !MailAddress.TryCreate(loginHint, out var address)
            || address.Address != loginHint.Trim())
        {
            throw new LwaProtocolException(400, "invalid_request", "login_hint must be an email address");
        }

        return GetOrCreateUser(address.Address);
    }

    private SandboxLwaUser CreateUser(string email)
    {
        // Real LWA ids look like amzn1.account.<28 upper-case characters>; deriving them from the email keeps
        // a user's id stable across Sandbox restarts, so the product never sees the same person twice.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(email));
        var userId = "amzn1.account." + Convert.ToHexString(hash, 0, 14);
        var name = string.Equals(email, Settings.DefaultUserEmail, StringComparison.OrdinalIgnoreCase)
            ? Settings.DefaultUserName
            : NameFromEmail(email);
        return new SandboxLwaUser(userId, email, name);
    }

    private static string NameFromEmail(string email)
    {
        var localPart = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var words = localPart.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0
            ? email
            : string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static HashSet<string> CheckScope(string? scope)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            throw new LwaProtocolException(400, "invalid_request", "scope is required");
        }

        var values = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = values.Where(v => v is not ("profile" or "profile:user_id" or "postal_code")
            && !v.StartsWith("advertising::", StringComparison.Ordinal)).ToList();
        return unknown.Count == 0
            ? values
            : throw new LwaProtocolException(
                400, "invalid_scope", "Unknown scope: " + string.Join(' ', unknown));
    }

    private static string? CheckCodeChallenge(string? challenge, string? method)
    {
        if (string.IsNullOrEmpty(challenge))
        {
            return string.IsNullOrEmpty(method)
                ? null
                : throw new LwaProtocolException(
                    400, "invalid_request", "code_challenge is required with a method");
        }

        if (method != "S256")
        {
            throw new LwaProtocolException(400, "invalid_request", "code_challenge_method must be S256");
        }

        return challenge.Length == 43 && challenge.All(IsBase64UrlCharacter)
            ? challenge
            : throw new LwaProtocolException(
                400, "invalid_request", "code_challenge is not a base64url SHA-256");
    }

    private static bool VerifierMatches(string? verifier, string challenge)
    {
        // RFC 7636: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
        if (verifier is null || verifier.Length is < 43 or > 128
            || !verifier.All(c => IsBase64UrlCharacter(c) || c is '.' or '~'))
        {
            return false;
        }

        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return FixedTimeEquals(expected, challenge);
    }

    private string AuthenticateClient(LwaClientCredentials client)
    {
        if (string.IsNullOrEmpty(client.ClientId))
        {
            throw new LwaProtocolException(400, "invalid_request", "client_id is required");
        }

        if (!FixedTimeEquals(client.ClientId, Settings.ClientId)
            || !FixedTimeEquals(client.ClientSecret ?? string.Empty, Settings.ClientSecret))
        {
            throw new LwaProtocolException(401, "invalid_client", "Client authentication failed");
        }

        return client.ClientId;
    }

    private string IssueAccessToken(SandboxLwaUser user, string clientId, HashSet<string> scope)
    {
        var now = timeProvider.GetUtcNow();
        PruneIfDue(now);
        var token = "Atza|" + NewSecret(48);
        _accessTokens[token] = new AccessGrant(user, clientId, scope, now + Settings.AccessTokenLifetime);
        return token;
    }

    private AccessGrant? FindAccessGrant(string? accessToken) =>
        !string.IsNullOrEmpty(accessToken)
        && _accessTokens.TryGetValue(accessToken, out var grant)
        && grant.ExpiresAt > timeProvider.GetUtcNow()
            ? grant
            : null;

    private void PruneIfDue(DateTimeOffset now)
    {
        // Expired codes and tokens are swept at most once a minute so a long-running Sandbox stays small.
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due
            || Interlocked.CompareExchange(
                ref _nextPruneTicks, now.UtcTicks + _pruneInterval.Ticks, due) != due)
        {
            return;
        }

        foreach (var entry in _codes.Where(e => e.Value.ExpiresAt <= now))
        {
            _codes.TryRemove(entry);
        }

        foreach (var entry in _accessTokens.Where(e => e.Value.ExpiresAt <= now))
        {
            _accessTokens.TryRemove(entry);
        }
    }

    private static void RequireParameter(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new LwaProtocolException(400, "invalid_request", name + " is required");
        }

        if (value.Length > MaxParameterLength)
        {
            throw new LwaProtocolException(400, "invalid_request", name + " is too long");
        }
    }

    private static LwaProtocolException InvalidGrant(string description) =>
        new(400, "invalid_grant", description);

    private static string NewSecret(int bytes) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    private static bool IsBase64UrlCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));

    private sealed record CodeGrant(
        SandboxLwaUser User,
        string ClientId,
        string RedirectUri,
        HashSet<string> Scope,
        string? CodeChallenge,
        DateTimeOffset ExpiresAt);

    private sealed record AccessGrant(
        SandboxLwaUser User, string ClientId, HashSet<string> Scope, DateTimeOffset ExpiresAt);

    private sealed record RefreshGrant(SandboxLwaUser User, string ClientId, HashSet<string> Scope);
}
