using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Auth;

/// <summary>
/// RecomAmp's Login with Amazon client (a typed <see cref="HttpClient"/>): builds the authorize URL,
/// exchanges authorization codes, refreshes access tokens and reads the user's profile. It talks to Amazon or
/// to the Sandbox alike; only <see cref="LwaOptions"/> differ.
/// </summary>
public sealed partial class LwaClient(
    HttpClient httpClient, IOptions<LwaOptions> options, TimeProvider timeProvider, ILogger<LwaClient> logger)
{
    private LwaOptions Settings => options.Value;

    /// <summary>The authorize URL to send the browser to, with PKCE (S256).</summary>
    public Uri BuildAuthorizationUrl(string redirectUri, string state, string codeChallenge)
    {
        var authorizeUrl = Settings.ResolveAuthorizeUrl();
        var query = new StringBuilder();
        Append(query, "client_id", Settings.ClientId);
        Append(query, "scope", Settings.Scope);
        Append(query, "response_type", "code");
        Append(query, "redirect_uri", redirectUri);
        Append(query, "state", state);
        Append(query, "code_challenge", codeChallenge);
        Append(query, "code_challenge_method", "S256");

        var existingQuery = authorizeUrl.Query.TrimStart('?');
        var builder = new UriBuilder(authorizeUrl)
        {
            Query = existingQuery.Length == 0 ? query.ToString() : existingQuery + "&" + query,
        };
        return builder.Uri;
    }

    /// <summary>Redeems an authorization code with its PKCE verifier (authorization_code grant).</summary>
    /// <exception cref="LwaException">Amazon refused the code (<c>invalid_grant</c>) or RecomAmp.</exception>
    /// <exception cref="UpstreamServiceException">Amazon could not be reached or failed.</exception>
    public Task<LwaTokens> ExchangeCodeAsync(
        string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(redirectUri);
        ArgumentException.ThrowIfNullOrEmpty(codeVerifier);
        return RequestTokensAsync(
            "code exchange",
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["code_verifier"] = codeVerifier,
            },
            previousRefreshToken: null,
            cancellationToken);
    }

    /// <summary>
    /// Gets a new access token for a refresh token (grant_type=refresh_token). When Amazon's answer omits the
    /// refresh token, the one presented stays valid and is returned in <see cref="LwaTokens.RefreshToken"/>;
    /// when it differs from the one presented, the caller must store it.
    /// </summary>
    /// <exception cref="LwaException">Amazon refused it (<c>invalid_grant</c>: sign in again).</exception>
    /// <exception cref="UpstreamServiceException">Amazon could not be reached or failed.</exception>
    public Task<LwaTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return RequestTokensAsync(
            "refresh",
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            },
            refreshToken,
            cancellationToken);
    }

    /// <summary>Reads the profile of the user an access token belongs to.</summary>
    /// <exception cref="LwaException">Amazon refused the token.</exception>
    /// <exception cref="UpstreamServiceException">Amazon was unreachable, failed or sent no id.</exception>
    public async Task<LwaProfile> GetProfileAsync(string accessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, Settings.ResolveProfileUrl());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var body = await SendAsync<ProfileBody>("profile", request, cancellationToken);
        if (string.IsNullOrEmpty(body.UserId))
        {
            LogUnusableAnswer(logger, "profile");
            throw new UpstreamServiceException("Login with Amazon sent a profile without a user id");
        }

        return new LwaProfile(body.UserId, body.Name, body.Email);
    }

    private async Task<LwaTokens> RequestTokensAsync(
        string operation, Dictionary<string, string> form, string? previousRefreshToken,
        CancellationToken cancellationToken)
    {
        form["client_id"] = Settings.ClientId;
        form["client_secret"] = Settings.ClientSecret;
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.ResolveTokenUrl())
        {
            Content = new FormUrlEncodedContent(form),
        };
        var requestedAt = timeProvider.GetUtcNow();
        var body = await SendAsync<TokenBody>(operation, request, cancellationToken);

        var refreshToken = string.IsNullOrEmpty(body.RefreshToken) ? previousRefreshToken : body.RefreshToken;
        if (string.IsNullOrEmpty(body.AccessToken) || refreshToken is null || body.ExpiresIn is null or <= 0)
        {
            LogUnusableAnswer(logger, operation);
            throw new UpstreamServiceException("Login with Amazon sent an incomplete token answer");
        }

        // Counting from when the request left keeps the expiry on the safe side of Amazon's own clock.
        return new LwaTokens(body.AccessToken, refreshToken, requestedAt.AddSeconds(body.ExpiresIn.Value));
    }

    private async Task<T> SendAsync<T>(
        string operation, HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        string content;
        try
        {
            response = await httpClient.SendAsync(request, cancellationToken);
            content = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex, operation);
            throw new UpstreamServiceException("Login with Amazon could not be reached; try again later");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex, operation);
            throw new UpstreamServiceException("Login with Amazon did not answer in time; try again later");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return Parse<T>(content) ?? throw Unusable(operation);
            }

            if (status >= 500 || status == 429)
            {
                LogServerFailure(logger, operation, status);
                throw new UpstreamServiceException(
                    $"Login with Amazon failed (HTTP {status}); try again later");
            }

            var error = Parse<ErrorBody>(content);
            var code = string.IsNullOrEmpty(error?.Error) ? "http_" + status : error.Error;
            LogRefused(logger, operation, status, code);
            var description = error?.ErrorDescription ?? $"Login with Amazon answered HTTP {status}";
            throw new LwaException(code, description, status);
        }
    }

    private UpstreamServiceException Unusable(string operation)
    {
        LogUnusableAnswer(logger, operation);
        return new UpstreamServiceException("Login with Amazon sent an answer RecomAmp cannot read");
    }

    private static T? Parse<T>(string content)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content, RecomAmpJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "Login with Amazon {Operation}: unreachable")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Login with Amazon {Operation}: server failure HTTP {Status}")]
    private static partial void LogServerFailure(ILogger logger, string operation, int status);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "Login with Amazon {Operation}: refused with HTTP {Status} {Error}")]
    private static partial void LogRefused(ILogger logger, string operation, int status, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "Login with Amazon {Operation}: answer could not be used")]
    private static partial void LogUnusableAnswer(ILogger logger, string operation);

    private sealed record TokenBody
    {
        public string? AccessToken { get; init; }

        public string? RefreshToken { get; init; }

        public string? TokenType { get; init; }

        public int? ExpiresIn { get; init; }
    }

    private sealed record ProfileBody
    {
        public string? UserId { get; init; }

        public string? Name { get; init; }

        public string? Email { get; init; }
    }

    private sealed record ErrorBody
    {
        public string? Error { get; init; }

        public string? ErrorDescription { get; init; }
    }
}
