using System.Net;

namespace RecomAmp.Api.Tests;

public abstract class AuthApiTests(DevHostFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(DevHostFixture devHost)
        : AuthApiTests(devHost), IClassFixture<DevHostFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(CosmosDevHostFixture devHost)
        : AuthApiTests(devHost), IClassFixture<CosmosDevHostFixture>;

    private const string RedirectUri = "http://localhost:5173/auth/callback";

    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task SignIn_ThroughSandbox_ReturnsTokenThatReadsProfile()
    {
        var token = await devHost.SignInAsync("first.analyst@example.com");

        var (response, me) = await Client.SendJsonAsync(HttpMethod.Get, "/api/auth/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("first.analyst@example.com", me!["email"]!.GetValue<string>());
        Assert.Equal("UTC", me["timezone"]!.GetValue<string>());
        Assert.True(me["email_notifications"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(me["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SignIn_SameAmazonUserTwice_KeepsOneUser()
    {
        var first = await devHost.SignInAsync("twice@example.com");
        var second = await devHost.SignInAsync("twice@example.com");

        var (_, meFirst) = await Client.SendJsonAsync(HttpMethod.Get, "/api/auth/me", first);
        var (_, meSecond) = await Client.SendJsonAsync(HttpMethod.Get, "/api/auth/me", second);

        Assert.Equal(meFirst!["id"]!.GetValue<string>(), meSecond!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_TwoAmazonUsers_GetTwoUsers()
    {
        var alice = await devHost.SignInAsync("alice@example.com");
        var bob = await devHost.SignInAsync("bob@example.com");

        var (_, meAlice) = await Client.SendJsonAsync(HttpMethod.Get, "/api/auth/me", alice);
        var (_, meBob) = await Client.SendJsonAsync(HttpMethod.Get, "/api/auth/me", bob);

        Assert.NotEqual(meAlice!["id"]!.GetValue<string>(), meBob!["id"]!.GetValue<string>());
        Assert.Equal("bob@example.com", meBob["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_RedirectUriNotAllowed_Returns400NamingField()
    {
        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/login", null,
            new { redirect_uri = "https://evil.example.com/callback" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, body!["status_code"]!.GetValue<int>());
        Assert.NotNull(body["errors"]!["redirect_uri"]);
    }

    [Fact]
    public async Task Callback_StateUsedTwice_SecondIsRejected()
    {
        var (code, state) = await devHost.AuthorizeAsync("reuse@example.com");
        var (first, _) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/amazon/callback", null,
            new { code, state });
        var (secondCode, _) = await devHost.AuthorizeAsync("reuse@example.com");

        var (second, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/amazon/callback", null,
            new { code = secondCode, state });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.NotNull(body!["errors"]!["state"]);
    }

    [Fact]
    public async Task Callback_UnknownState_Returns400()
    {
        var (code, _) = await devHost.AuthorizeAsync("unknown-state@example.com");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/amazon/callback", null,
            new { code, state = "not-a-state-we-issued" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["state"]);
    }

    [Fact]
    public async Task Callback_InvalidCode_Returns400NamingCode()
    {
        var (_, state) = await devHost.AuthorizeAsync("bad-code@example.com");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/amazon/callback", null,
            new { code = "made-up-code", state });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["code"]);
    }

    [Fact]
    public async Task Callback_MissingFields_Returns400()
    {
        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/amazon/callback", null,
            new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["code"]);
        Assert.NotNull(body["errors"]!["state"]);
    }

    [Fact]
    public async Task Logout_RevokesToken_EverywhereAfterwards()
    {
        var token = await devHost.SignInAsync("leaver@example.com");

        var (logout, _) = await Client.SendJsonAsync(HttpMethod.Post, "/api/auth/logout", token);
        var (me, meBody) = await Client.SendJsonAsync(HttpMethod.Get, "/api/auth/me", token);
        var (list, _) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/", token);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(401, meBody!["status_code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task ProtectedRoute_WithoutValidToken_Returns401Envelope(string? token)
    {
        var (response, body) = await Client.SendJsonAsync(HttpMethod.Get, "/api/instances/", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, body!["status_code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["detail"]!.GetValue<string>()));
    }
}
