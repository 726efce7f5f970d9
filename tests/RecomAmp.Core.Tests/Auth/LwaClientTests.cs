using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;
using RecomAmp.Core.Tests.Sandbox;

namespace RecomAmp.Core.Tests.Auth;

public sealed class LwaClientTests : IAsyncLifetime, IDisposable
{
    private const string RedirectUri = "http://localhost:5173/auth/callback";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SandboxServer _sandbox = null!;
    private AuthServices _services = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(_time);
        _services = new AuthServices(_time, new Dictionary<string, string?>
        {
            ["Lwa:BaseUrl"] = _sandbox.BaseUrl.AbsoluteUri,
        });
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void BuildAuthorizationUrl_CarriesTheClientScopeRedirectStateAndChallenge()
    {
        var url = _services.Get<LwaClient>().BuildAuthorizationUrl(RedirectUri, "state-1", "challenge-1");

        Assert.Equal(new Uri(_sandbox.BaseUrl, "ap/oa").AbsoluteUri, url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(LwaOptions.DefaultClientId, query["client_id"]);
        Assert.Equal("profile advertising::campaign_management", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(RedirectUri, query["redirect_uri"]);
        Assert.Equal("state-1", query["state"]);
        Assert.Equal("challenge-1", query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
    }

    [Fact]
    public async Task ExchangeCodeAsync_WithSandboxCode_ReturnsTokensThatReadTheProfile()
    {
        var lwa = _services.Get<LwaClient>();
        var (code, pkce) = await AuthorizeAsync(lwa);

        var tokens = await lwa.ExchangeCodeAsync(code, RedirectUri, pkce.Verifier, CancellationToken.None);
        var profile = await lwa.GetProfileAsync(tokens.AccessToken, CancellationToken.None);

        Assert.Equal(_time.GetUtcNow().AddHours(1), tokens.AccessTokenExpiresAt);
        Assert.StartsWith("Atzr|", tokens.RefreshToken, StringComparison.Ordinal);
        Assert.Equal("analyst@sandbox.local", profile.Email);
        Assert.Equal("Sandbox Analyst", profile.Name);
        Assert.StartsWith("amzn1.account.", profile.UserId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCodeAsync_WithSpentCode_ThrowsInvalidGrant()
    {
        var lwa = _services.Get<LwaClient>();
        var (code, pkce) = await AuthorizeAsync(lwa);
        await lwa.ExchangeCodeAsync(code, RedirectUri, pkce.Verifier, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<LwaException>(
            () => lwa.ExchangeCodeAsync(code, RedirectUri, pkce.Verifier, CancellationToken.None));

        Assert.True(ex.IsInvalidGrant);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task ExchangeCodeAsync_WithWrongClientSecret_ThrowsInvalidClient()
    {
        using var misconfigured = new AuthServices(_time, new Dictionary<string, string?>
        {
            ["Lwa:BaseUrl"] = _sandbox.BaseUrl.AbsoluteUri,
            ["Lwa:ClientSecret"] = "wrong",
        });
        var lwa = misconfigured.Get<LwaClient>();
        var (code, pkce) = await AuthorizeAsync(lwa);

        var ex = await Assert.ThrowsAsync<LwaException>(
            () => lwa.ExchangeCodeAsync(code, RedirectUri, pkce.Verifier, CancellationToken.None));

        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task RefreshAsync_WhenTheAnswerHasARefreshToken_ReturnsIt()
    {
        await using var sandbox = await SandboxServer.StartAsync(
            _time, new Dictionary<string, string?> { ["Sandbox:Lwa:RefreshTokenRotation"] = "Rotated" });
        using var services = new AuthServices(
            _time, new Dictionary<string, string?> { ["Lwa:BaseUrl"] = sandbox.BaseUrl.AbsoluteUri });
        var lwa = services.Get<LwaClient>();
        var first = await SignInAsync(lwa, sandbox);

        var refreshed = await lwa.RefreshAsync(first.RefreshToken, CancellationToken.None);

        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        await lwa.GetProfileAsync(refreshed.AccessToken, CancellationToken.None);
    }

    [Fact]
    public async Task RefreshAsync_WhenTheAnswerOmitsTheRefreshToken_KeepsThePresentedOne()
    {
        await using var sandbox = await SandboxServer.StartAsync(
            _time, new Dictionary<string, string?> { ["Sandbox:Lwa:RefreshTokenRotation"] = "Omitted" });
        using var services = new AuthServices(
            _time, new Dictionary<string, string?> { ["Lwa:BaseUrl"] = sandbox.BaseUrl.AbsoluteUri });
        var lwa = services.Get<LwaClient>();
        var first = await SignInAsync(lwa, sandbox);

        var refreshed = await lwa.RefreshAsync(first.RefreshToken, CancellationToken.None);

        Assert.Equal(first.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
    }

    [Fact]
    public async Task RefreshAsync_WithUnknownRefreshToken_ThrowsInvalidGrant()
    {
        var lwa = _services.Get<LwaClient>();

        var ex = await Assert.ThrowsAsync<LwaException>(
            () => lwa.RefreshAsync("Atzr|unknown", CancellationToken.None));

        Assert.True(ex.IsInvalidGrant);
    }

    [Fact]
    public async Task GetProfileAsync_WithExpiredAccessToken_ThrowsInvalidToken()
    {
        var lwa = _services.Get<LwaClient>();
        var tokens = await SignInAsync(lwa, _sandbox);
        _time.Advance(TimeSpan.FromHours(1));

        var ex = await Assert.ThrowsAsync<LwaException>(
            () => lwa.GetProfileAsync(tokens.AccessToken, CancellationToken.None));

        Assert.Equal("invalid_token", ex.Error);
        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task RefreshAsync_WhenLwaIsUnreachable_ThrowsUpstreamServiceException()
    {
        // Port 9 (discard) is not served on the loopback interface here, so the connection is refused.
        using var services = new AuthServices(
            _time, new Dictionary<string, string?> { ["Lwa:BaseUrl"] = "http://127.0.0.1:9/sandbox" });

        var ex = await Assert.ThrowsAsync<UpstreamServiceException>(
            () => services.Get<LwaClient>().RefreshAsync("Atzr|any", CancellationToken.None));

        Assert.Equal(502, ex.StatusCode);
    }

    [Theory]
    [InlineData(503, "")]
    [InlineData(200, "<html>not json</html>")]
    [InlineData(200, "{\"token_type\":\"bearer\"}")]
    public async Task RefreshAsync_WhenLwaFailsOrAnswersNonsense_ThrowsUpstreamServiceException(
        int status, string body)
    {
        await using var broken = await StartBrokenTokenEndpointAsync(status, body);
        using var services = new AuthServices(_time, new Dictionary<string, string?>
        {
            ["Lwa:TokenUrl"] = broken.Urls.Single() + "/auth/o2/token",
        });

        var ex = await Assert.ThrowsAsync<UpstreamServiceException>(
            () => services.Get<LwaClient>().RefreshAsync("Atzr|any", CancellationToken.None));

        Assert.Equal(502, ex.StatusCode);
    }

    private async Task<(string Code, Pkce Pkce)> AuthorizeAsync(LwaClient lwa, SandboxServer? sandbox = null)
    {
        var pkce = Pkce.Create();
        var url = lwa.BuildAuthorizationUrl(RedirectUri, "state-1", pkce.Challenge);
        var response = await (sandbox ?? _sandbox).Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString(), pkce);
    }

    private async Task<LwaTokens> SignInAsync(LwaClient lwa, SandboxServer sandbox)
    {
        var (code, pkce) = await AuthorizeAsync(lwa, sandbox);
        return await lwa.ExchangeCodeAsync(code, RedirectUri, pkce.Verifier, CancellationToken.None);
    }

    private static async Task<WebApplication> StartBrokenTokenEndpointAsync(int status, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/auth/o2/token", () => Results.Text(body, "application/json", statusCode: status));
        await app.StartAsync();
        return app;
    }
}
