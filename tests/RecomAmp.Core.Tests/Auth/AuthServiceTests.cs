using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Tests.Sandbox;

namespace RecomAmp.Core.Tests.Auth;

/// <summary>Sign-in through Core: the real SQLite store, the Sandbox on Kestrel, a fake clock.</summary>
public sealed class AuthServiceTests : IAsyncLifetime, IDisposable
{
    private const string RedirectUri = AuthOptions.DefaultRedirectUri;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SandboxServer _sandbox = null!;
    private AuthServices _services = null!;

    private AuthService Auth => _services.Get<AuthService>();

    private IDocumentStore Store => _services.Get<IDocumentStore>();

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
    public async Task SignIn_WithSandbox_CreatesTheUserAndIssuesAWorkingToken()
    {
        var signIn = await SignInAsync();

        var caller = await _services.Get<IAccessTokenValidator>().ValidateAsync(signIn.AccessToken, default);
        var me = await Auth.GetCurrentUserAsync(caller, default);
        var lwaUser = _sandbox.Lwa.GetOrCreateUser("analyst@sandbox.local");
        Assert.Equal(UserIds.FromLwaUserId(lwaUser.UserId), signIn.User.Id);
        Assert.Equal("analyst@sandbox.local", signIn.User.Email);
        Assert.Equal("Sandbox Analyst", signIn.User.FullName);
        Assert.Equal(_time.GetUtcNow(), signIn.User.CreatedAt);
        Assert.Equal(signIn.User.Id, caller.UserId);
        var expected = new CurrentUserResponse(
            signIn.User.Id, "analyst@sandbox.local", "Sandbox Analyst", "UTC", true, signIn.User.CreatedAt);
        Assert.Equal(expected, me);
    }

    [Fact]
    public async Task StartLogin_StoresASingleUseStateAndPointsAtTheAuthorizePage()
    {
        var login = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);

        var stored = await Store.ReadAsync<LoginStateDocument>(
            StorageContainers.LoginStates, login.State, login.State, default);
        Assert.NotNull(stored);
        Assert.Equal(600, stored.Document.Ttl);
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), stored.Document.ExpiresAt);
        Assert.Equal(RedirectUri, stored.Document.RedirectUri);
        Assert.Equal(43, login.State.Length);
        var url = new Uri(login.AuthUrl);
        Assert.Equal(new Uri(_sandbox.BaseUrl, "ap/oa").AbsoluteUri, url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(login.State, query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(RedirectUri, query["redirect_uri"]);
        Assert.DoesNotContain(stored.Document.CodeVerifier, login.AuthUrl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "This field is required")]
    [InlineData("", "This field is required")]
    [InlineData("https://evil.example.com/auth/callback", "This redirect URI is not allowed")]
    [InlineData("http://localhost:5173/auth/callback/", "This redirect URI is not allowed")]
    public async Task StartLogin_WithMissingOrUnlistedRedirectUri_Throws400(
        string? redirectUri, string message)
    {
        var ex = await Assert.ThrowsAsync<RequestValidationException>(
            () => Auth.StartLoginAsync(new LoginRequest { RedirectUri = redirectUri }, default));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal([message], ex.Errors!["redirect_uri"]);
    }

    [Fact]
    public async Task Callback_WithMissingFields_Throws400NamingBoth()
    {
        var ex = await Assert.ThrowsAsync<RequestValidationException>(
            () => Auth.CompleteAmazonSignInAsync(new AmazonCallbackRequest(), default));

        Assert.Equal(["code", "state"], ex.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Callback_WhenTheStateIsUsedTwice_Throws400State()
    {
        var login = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        var first = await AuthorizeAtSandboxAsync(login);
        await Auth.CompleteAmazonSignInAsync(first, default);
        var second = await AuthorizeAtSandboxAsync(login);

        var ex = await Assert.ThrowsAsync<RequestValidationException>(
            () => Auth.CompleteAmazonSignInAsync(second, default));

        Assert.True(ex.Errors!.ContainsKey("state"));
    }

    [Fact]
    public async Task Callback_AfterTenMinutes_Throws400State()
    {
        var login = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var callback = await AuthorizeAtSandboxAsync(login);

        var ex = await Assert.ThrowsAsync<RequestValidationException>(
            () => Auth.CompleteAmazonSignInAsync(callback, default));

        Assert.True(ex.Errors!.ContainsKey("state"));
        Assert.Equal(0, await CountUsersAsync());
    }

    [Theory]
    [InlineData("bm90LWEtc3RhdGUtd2UtaXNzdWVk")]
    [InlineData("../../etc/passwd")]
    public async Task Callback_WithStateNeverIssued_Throws400State(string state)
    {
        var ex = await Assert.ThrowsAsync<RequestValidationException>(() => Auth.CompleteAmazonSignInAsync(
            new AmazonCallbackRequest { Code = "any", State = state }, default));

        Assert.True(ex.Errors!.ContainsKey("state"));
    }

    [Fact]
    public async Task Callback_WithCodeAmazonRejects_Throws400CodeAndSpendsTheState()
    {
        var login = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        var callback = await AuthorizeAtSandboxAsync(login);

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(
            () => Auth.CompleteAmazonSignInAsync(callback with { Code = "not-a-code" }, default));
        var retried = await Assert.ThrowsAsync<RequestValidationException>(
            () => Auth.CompleteAmazonSignInAsync(callback, default));

        Assert.True(invalid.Errors!.ContainsKey("code"));
        Assert.True(retried.Errors!.ContainsKey("state"));
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Callback_WithCodeAlreadyRedeemed_Throws400Code()
    {
        var firstLogin = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        var firstCallback = await AuthorizeAtSandboxAsync(firstLogin);
        await Auth.CompleteAmazonSignInAsync(firstCallback, default);
        var secondLogin = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);

        var ex = await Assert.ThrowsAsync<RequestValidationException>(() => Auth.CompleteAmazonSignInAsync(
            new AmazonCallbackRequest { Code = firstCallback.Code, State = secondLogin.State }, default));

        Assert.True(ex.Errors!.ContainsKey("code"));
    }

    [Fact]
    public async Task Callback_TwiceConcurrentlyWithOneState_SignsInOnce()
    {
        var login = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        var callback = await AuthorizeAtSandboxAsync(login);

        var attempts = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => Task.Run(() => TryCompleteAsync(callback))));

        Assert.Single(attempts, a => a is not null);
        Assert.Equal(1, await CountUsersAsync());
    }

    [Fact]
    public async Task SignIn_AsTwoSandboxUsers_CreatesTwoUsersAndSigningInAgainReusesThem()
    {
        var jane = await SignInAsync("jane.doe@agency.test");
        var john = await SignInAsync("john@agency.test");
        _time.Advance(TimeSpan.FromHours(1));

        var janeAgain = await SignInAsync("jane.doe@agency.test");

        Assert.NotEqual(jane.User.Id, john.User.Id);
        Assert.Equal(jane.User.Id, janeAgain.User.Id);
        Assert.Equal(jane.User.CreatedAt, janeAgain.User.CreatedAt);
        Assert.Equal("Jane Doe", jane.User.FullName);
        Assert.Equal(2, await CountUsersAsync());
        var stored = await Store.ReadAsync<UserDocument>(
            StorageContainers.Users, jane.User.Id, jane.User.Id, default);
        Assert.Equal(_time.GetUtcNow(), stored!.Document.UpdatedAt);
    }

    [Fact]
    public async Task SignIn_OfOneNewUserConcurrently_CreatesOneUser()
    {
        var signIns = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(_ => Task.Run(() => SignInAsync("new.person@agency.test"))));

        Assert.Single(signIns.Select(s => s.User.Id).Distinct());
        Assert.Equal(1, await CountUsersAsync());
    }

    [Fact]
    public async Task SignIn_StoresTheAmazonRefreshTokenEncryptedOnly()
    {
        var signIn = await SignInAsync();

        var refreshToken = await _services.Get<AmazonRefreshTokenStore>().GetAsync(signIn.User.Id, default);
        var stored = await Store.ReadAsync<UserDocument>(
            StorageContainers.Users, signIn.User.Id, signIn.User.Id, default);
        Assert.StartsWith("Atzr|", refreshToken, StringComparison.Ordinal);
        Assert.StartsWith("v1.", stored!.Document.EncryptedRefreshToken, StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow(), stored.Document.RefreshTokenStoredAt);
        var secret = refreshToken["Atzr|".Length..];
        var raw = ReadDataFolder();
        Assert.Contains("analyst@sandbox.local", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        var refreshed = await _services.Get<LwaClient>().RefreshAsync(refreshToken, default);
        Assert.Equal(refreshToken, refreshed.RefreshToken);
    }

    [Fact]
    public async Task RefreshTokenStore_SaveThenGet_ReturnsTheNewToken()
    {
        var signIn = await SignInAsync();
        var tokens = _services.Get<AmazonRefreshTokenStore>();

        await tokens.SaveAsync(signIn.User.Id, "Atzr|rotated", default);

        Assert.Equal("Atzr|rotated", await tokens.GetAsync(signIn.User.Id, default));
    }

    [Fact]
    public async Task RefreshTokenStore_WithCiphertextOfAnotherUser_AsksToSignInAgain()
    {
        var jane = await SignInAsync("jane@agency.test");
        var john = await SignInAsync("john@agency.test");
        var johnsDocument = await Store.ReadAsync<UserDocument>(
            StorageContainers.Users, john.User.Id, john.User.Id, default);
        var janesDocument = await Store.ReadAsync<UserDocument>(
            StorageContainers.Users, jane.User.Id, jane.User.Id, default);
        var swapped = janesDocument!.Document with
        {
            EncryptedRefreshToken = johnsDocument!.Document.EncryptedRefreshToken,
        };
        await Store.ReplaceAsync(
            StorageContainers.Users, jane.User.Id, jane.User.Id, swapped, janesDocument.ETag, default);

        await Assert.ThrowsAsync<AuthenticationRequiredException>(
            () => _services.Get<AmazonRefreshTokenStore>().GetAsync(jane.User.Id, default));
    }

    [Fact]
    public async Task Logout_ThenValidate_Throws401ButOtherTokensStillWork()
    {
        var validator = _services.Get<IAccessTokenValidator>();
        var first = await SignInAsync();
        var second = await SignInAsync();
        var caller = await validator.ValidateAsync(first.AccessToken, default);

        var response = await Auth.LogoutAsync(caller, default);

        Assert.Equal("Logged out", response.Message);
        await Assert.ThrowsAsync<AuthenticationRequiredException>(
            () => validator.ValidateAsync(first.AccessToken, default));
        Assert.Equal(second.User.Id, (await validator.ValidateAsync(second.AccessToken, default)).UserId);
        var revoked = await Store.ReadAsync<RevokedTokenDocument>(
            StorageContainers.RevokedTokens, caller.TokenId, caller.TokenId, default);
        Assert.Equal((8 * 3600) + 30, revoked!.Document.Ttl);
    }

    [Fact]
    public async Task Validate_AfterTheTokenExpires_Throws401()
    {
        var signIn = await SignInAsync();
        _time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<AuthenticationRequiredException>(
            () => _services.Get<IAccessTokenValidator>().ValidateAsync(signIn.AccessToken, default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    public async Task Validate_WithoutAValidToken_Throws401(string? token)
    {
        var ex = await Assert.ThrowsAsync<AuthenticationRequiredException>(
            () => _services.Get<IAccessTokenValidator>().ValidateAsync(token, default));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task Callback_WhenLwaIsUnreachable_Throws502AndCreatesNoUser()
    {
        using var services = new AuthServices(_time, new Dictionary<string, string?>
        {
            ["Lwa:BaseUrl"] = _sandbox.BaseUrl.AbsoluteUri,
            ["Lwa:TokenUrl"] = "http://127.0.0.1:9/auth/o2/token",
        });
        var auth = services.Get<AuthService>();
        var login = await auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        var callback = await AuthorizeAtSandboxAsync(login);

        var ex = await Assert.ThrowsAsync<UpstreamServiceException>(
            () => auth.CompleteAmazonSignInAsync(callback, default));

        Assert.Equal(502, ex.StatusCode);
        var users = await services.Get<IDocumentStore>().CountAsync(
            StorageContainers.Users, DocumentQuery.All, null, default);
        Assert.Equal(0, users);
    }

    private async Task<SignInResponse> SignInAsync(string? loginHint = null)
    {
        var login = await Auth.StartLoginAsync(new LoginRequest { RedirectUri = RedirectUri }, default);
        var callback = await AuthorizeAtSandboxAsync(login, loginHint);
        return await Auth.CompleteAmazonSignInAsync(callback, default);
    }

    private async Task<AmazonCallbackRequest> AuthorizeAtSandboxAsync(
        LoginResponse login, string? loginHint = null)
    {
        var url = loginHint is null
            ? login.AuthUrl
            : QueryHelpers.AddQueryString(login.AuthUrl, "login_hint", loginHint);
        var response = await _sandbox.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(login.State, query["state"]);
        return new AmazonCallbackRequest { Code = query["code"], State = query["state"] };
    }

    private async Task<SignInResponse?> TryCompleteAsync(AmazonCallbackRequest callback)
    {
        try
        {
            return await Auth.CompleteAmazonSignInAsync(callback, default);
        }
        catch (RequestValidationException)
        {
            return null;
        }
    }

    private Task<long> CountUsersAsync() =>
        Store.CountAsync(StorageContainers.Users, DocumentQuery.All, null, default);

    private string ReadDataFolder()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(_services.DataPath, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
