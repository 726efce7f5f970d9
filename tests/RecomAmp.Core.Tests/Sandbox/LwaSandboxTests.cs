using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Core.Tests.Sandbox;

public sealed class LwaSandboxTests : IAsyncLifetime
{
    private const string ClientId = SandboxLwaOptions.DefaultClientId;
    private const string ClientSecret = SandboxLwaOptions.DefaultClientSecret;
    private const string RedirectUri = "http://localhost:5173/auth/callback";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(_time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Authorize_WithValidRequest_RedirectsWithCodeAndState()
    {
        var pkce = Pkce.Create();

        var response = await _server.Client.GetAsync(AuthorizeUrl(pkce.Challenge, state: "s-123"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.False(string.IsNullOrEmpty(query["code"]));
        Assert.Equal("s-123", query["state"]);
    }

    [Fact]
    public async Task Authorize_WithUnknownClientId_Returns400WithoutRedirect()
    {
        var url = AuthorizeUrl(Pkce.Create().Challenge)
            .Replace(ClientId, "someone-else", StringComparison.Ordinal);

        var response = await _server.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", (await ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_WithoutRedirectUri_Returns400()
    {
        var response = await _server.Client.GetAsync(
            $"ap/oa?client_id={ClientId}&scope=profile&response_type=code&state=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("response_type=code", "response_type=token", "unsupported_response_type")]
    [InlineData("code_challenge_method=S256", "code_challenge_method=plain", "invalid_request")]
    [InlineData("scope=profile", "scope=shopping::everything", "invalid_scope")]
    [InlineData("state=s", "login_hint=not-an-email&state=s", "invalid_request")]
    public async Task Authorize_WithBadParameter_RedirectsWithError(string replaced, string by, string error)
    {
        var url = AuthorizeUrl(Pkce.Create().Challenge, state: "s")
            .Replace(replaced, by, StringComparison.Ordinal);

        var response = await _server.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(error, query["error"]);
        Assert.Equal("s", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Token_WithValidCodeAndVerifier_ReturnsBearerTokensForTheDefaultUser()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);

        var response = await RedeemAsync(code, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("Atzr|", body.GetProperty("refresh_token").GetString(), StringComparison.Ordinal);
        var profile = await ReadProfileAsync(body.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var user = await ReadJsonAsync(profile);
        Assert.Equal("analyst@sandbox.local", user.GetProperty("email").GetString());
        Assert.Equal("Sandbox Analyst", user.GetProperty("name").GetString());
        var userId = user.GetProperty("user_id").GetString();
        Assert.StartsWith("amzn1.account.", userId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WhenCodeIsReused_ReturnsInvalidGrant()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);
        var first = await RedeemAsync(code, pkce.Verifier);

        var second = await RedeemAsync(code, pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WhenCodeIsOlderThanFiveMinutes_ReturnsInvalidGrant()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var response = await RedeemAsync(code, pkce.Verifier);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WithWrongVerifier_ReturnsInvalidGrantAndSpendsTheCode()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);

        var wrong = await RedeemAsync(code, Pkce.Create().Verifier);
        var right = await RedeemAsync(code, pkce.Verifier);

        await AssertErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_grant");
        await AssertErrorAsync(right, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WithoutVerifierForChallengedCode_ReturnsInvalidGrant()
    {
        var code = await AuthorizeAsync(Pkce.Create().Challenge);

        var response = await RedeemAsync(code, verifier: null);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WithOtherRedirectUri_ReturnsInvalidGrant()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);

        var response = await RedeemAsync(code, pkce.Verifier, redirectUri: "http://localhost:5173/elsewhere");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WithWrongClientSecret_Returns401InvalidClient()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);

        var response = await RedeemAsync(code, pkce.Verifier, clientSecret: "guess");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_WithBasicClientCredentials_IsAccepted()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/o2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
                ["code_verifier"] = pkce.Verifier,
            }),
        };
        var credentials = System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}");
        request.Headers.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));

        var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithUnknownGrantType_ReturnsUnsupportedGrantType()
    {
        var response = await PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
        });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Token_WithJsonBody_ReturnsInvalidRequest()
    {
        var body = new { grant_type = "refresh_token" };

        var response = await _server.Client.PostAsJsonAsync("auth/o2/token", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_WhenOneCodeIsRedeemedConcurrently_ExactlyOneSucceeds()
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge);

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 16).Select(_ => RedeemAsync(code, pkce.Verifier)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Refresh_WithRefreshToken_ReturnsWorkingAccessTokenAndSameRefreshToken()
    {
        var tokens = await SignInAsync();
        _time.Advance(TimeSpan.FromHours(2));

        var response = await RefreshAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(tokens.RefreshToken, body.GetProperty("refresh_token").GetString());
        var profile = await ReadProfileAsync(body.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithUnknownRefreshToken_ReturnsInvalidGrant()
    {
        var response = await RefreshAsync("Atzr|made-up");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Profile_WithoutToken_Returns401InvalidToken()
    {
        var response = await _server.Client.GetAsync("user/profile");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Profile_WithExpiredAccessToken_Returns401InvalidToken()
    {
        var tokens = await SignInAsync();
        _time.Advance(TimeSpan.FromHours(1));

        var response = await ReadProfileAsync(tokens.AccessToken);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Authorize_WithLoginHints_SignsInDistinctStableUsers()
    {
        var jane = await ReadProfileOfAsync("jane.doe@agency.test");
        var john = await ReadProfileOfAsync("john@agency.test");
        var janeAgain = await ReadProfileOfAsync("Jane.Doe@agency.test");

        Assert.NotEqual(jane.GetProperty("user_id").GetString(), john.GetProperty("user_id").GetString());
        Assert.Equal(jane.GetProperty("user_id").GetString(), janeAgain.GetProperty("user_id").GetString());
        Assert.Equal("Jane Doe", jane.GetProperty("name").GetString());
        Assert.Equal("jane.doe@agency.test", jane.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Refresh_WhenRotationIsConfigured_RetiresTheOldRefreshToken()
    {
        await using var server = await SandboxServer.StartAsync(
            _time, new Dictionary<string, string?> { ["Sandbox:Lwa:RefreshTokenRotation"] = "Rotated" });
        var pkce = Pkce.Create();
        var authorize = await server.Client.GetAsync(AuthorizeUrl(pkce.Challenge));
        var code = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        var redeemed = await server.Client.PostAsync("auth/o2/token", TokenForm(code, pkce.Verifier));
        var tokens = await ReadJsonAsync(redeemed);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        var rotated = await server.Client.PostAsync("auth/o2/token", RefreshForm(refreshToken));
        var reused = await server.Client.PostAsync("auth/o2/token", RefreshForm(refreshToken));

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotatedBody = await ReadJsonAsync(rotated);
        Assert.NotEqual(refreshToken, rotatedBody.GetProperty("refresh_token").GetString());
        await AssertErrorAsync(reused, HttpStatusCode.BadRequest, "invalid_grant");
    }

    private static string AuthorizeUrl(string challenge, string state = "s", string? loginHint = null)
    {
        var url = QueryHelpers.AddQueryString("ap/oa", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["scope"] = "profile advertising::campaign_management",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });
        return loginHint is null ? url : QueryHelpers.AddQueryString(url, "login_hint", loginHint);
    }

    private async Task<string> AuthorizeAsync(string challenge, string? loginHint = null)
    {
        var response = await _server.Client.GetAsync(AuthorizeUrl(challenge, loginHint: loginHint));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
    }

    private async Task<(string AccessToken, string RefreshToken)> SignInAsync(string? loginHint = null)
    {
        var pkce = Pkce.Create();
        var code = await AuthorizeAsync(pkce.Challenge, loginHint);
        var body = await ReadJsonAsync(await RedeemAsync(code, pkce.Verifier));
        var accessToken = body.GetProperty("access_token").GetString()!;
        return (accessToken, body.GetProperty("refresh_token").GetString()!);
    }

    private async Task<JsonElement> ReadProfileOfAsync(string loginHint)
    {
        var tokens = await SignInAsync(loginHint);
        return await ReadJsonAsync(await ReadProfileAsync(tokens.AccessToken));
    }

    private Task<HttpResponseMessage> RedeemAsync(
        string code,
        string? verifier,
        string redirectUri = RedirectUri,
        string clientSecret = ClientSecret) =>
        _server.Client.PostAsync("auth/o2/token", TokenForm(code, verifier, redirectUri, clientSecret));

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _server.Client.PostAsync("auth/o2/token", RefreshForm(refreshToken));

    private Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form) =>
        _server.Client.PostAsync("auth/o2/token", new FormUrlEncodedContent(form));

    private static FormUrlEncodedContent TokenForm(
        string code,
        string? verifier,
        string redirectUri = RedirectUri,
        string clientSecret = ClientSecret)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = ClientId,
            ["client_secret"] = clientSecret,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return new FormUrlEncodedContent(form);
    }

    private static FormUrlEncodedContent RefreshForm(string refreshToken) =>
        new(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        });

    private async Task<HttpResponseMessage> ReadProfileAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "user/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await _server.Client.SendAsync(request);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task AssertErrorAsync(
        HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }
}
