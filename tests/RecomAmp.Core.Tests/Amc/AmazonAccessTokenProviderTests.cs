using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Tests.Amc;

public sealed class AmazonAccessTokenProviderTests : IAsyncLifetime
{
    private const string User = AmcTestHost.UserId;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private FakeAmazon _amazon = null!;
    private AmcTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _amazon = await FakeAmazon.StartAsync();
        _host = await AmcTestHost.StartAsync(_amazon.BaseUrl, _time);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _amazon.DisposeAsync();
    }

    [Fact]
    public async Task GetAccessTokenAsync_IsCachedUntilShortlyBeforeExpiry()
    {
        var first = await _host.Tokens.GetAccessTokenAsync(User, default);
        var again = await _host.Tokens.GetAccessTokenAsync(User, default);
        _time.Advance(TimeSpan.FromMinutes(54));
        var late = await _host.Tokens.GetAccessTokenAsync(User, default);
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await _host.Tokens.GetAccessTokenAsync(User, default);

        Assert.Equal(["access-1", "access-1", "access-1", "access-2"], [first, again, late, renewed]);
        Assert.Equal(2, _amazon.RefreshCount);
    }

    [Fact]
    public async Task GetAccessTokenAsync_ShortLivedToken_IsRenewedHalfWay()
    {
        _amazon.ExpiresIn = 120;

        await _host.Tokens.GetAccessTokenAsync(User, default);
        _time.Advance(TimeSpan.FromSeconds(59));
        var cached = await _host.Tokens.GetAccessTokenAsync(User, default);
        _time.Advance(TimeSpan.FromSeconds(2));
        var renewed = await _host.Tokens.GetAccessTokenAsync(User, default);

        Assert.Equal("access-1", cached);
        Assert.Equal("access-2", renewed);
    }

    [Fact]
    public async Task GetAccessTokenAsync_ManyCallersAtOnce_ShareOneRefresh()
    {
        var tokens = await Task.WhenAll(
            Enumerable.Range(0, 10).Select(_ => _host.Tokens.GetAccessTokenAsync(User, default)));

        Assert.All(tokens, token => Assert.Equal("access-1", token));
        Assert.Equal(1, _amazon.RefreshCount);
    }

    [Fact]
    public async Task RefreshAfterRejection_OfAnOlderToken_TakesTheCurrentOneWithoutRefreshing()
    {
        var rejected = await _host.Tokens.GetAccessTokenAsync(User, default);
        var first = await _host.Tokens.RefreshAfterRejectionAsync(User, rejected, default);

        var second = await _host.Tokens.RefreshAfterRejectionAsync(User, rejected, default);

        Assert.Equal("access-2", first);
        Assert.Equal("access-2", second);
        Assert.Equal(2, _amazon.RefreshCount);
    }

    [Fact]
    public async Task Invalidate_MakesTheNextCallRefresh()
    {
        await _host.Tokens.GetAccessTokenAsync(User, default);

        _host.Tokens.Invalidate(User);
        var token = await _host.Tokens.GetAccessTokenAsync(User, default);

        Assert.Equal("access-2", token);
    }

    [Fact]
    public async Task Refresh_AnswerWithoutRefreshToken_KeepsTheStoredOne()
    {
        _amazon.RefreshTokenAnswer = "omit";

        await _host.Tokens.GetAccessTokenAsync(User, default);
        _host.Tokens.Invalidate(User);
        await _host.Tokens.GetAccessTokenAsync(User, default);

        var stored = await _host.Get<AmazonRefreshTokenStore>().GetAsync(User, default);
        Assert.Equal(AmcTestHost.RefreshToken, stored);
        Assert.Equal([AmcTestHost.RefreshToken, AmcTestHost.RefreshToken], _amazon.PresentedRefreshTokens);
    }

    [Fact]
    public async Task Refresh_RotatedRefreshToken_IsStoredAndUsedNextTime()
    {
        _amazon.RefreshTokenAnswer = "rotate";

        await _host.Tokens.GetAccessTokenAsync(User, default);
        _host.Tokens.Invalidate(User);
        await _host.Tokens.GetAccessTokenAsync(User, default);

        Assert.Equal("refresh-rotated-2", await _host.Get<AmazonRefreshTokenStore>().GetAsync(User, default));
        Assert.Equal([AmcTestHost.RefreshToken, "refresh-rotated-1"], _amazon.PresentedRefreshTokens);
    }

    [Fact]
    public async Task Refresh_RevokedAuthorization_AsksToSignInAgain()
    {
        _amazon.RefreshError = "invalid_grant";

        var error = await Assert.ThrowsAsync<AuthenticationRequiredException>(
            () => _host.Tokens.GetAccessTokenAsync(User, default));

        Assert.Contains("Sign in with Amazon again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessTokenAsync_UserWithoutAmazonAuthorization_AsksToSignIn()
    {
        await _host.AddUserAsync("user-without-token", refreshToken: null);

        await Assert.ThrowsAsync<AuthenticationRequiredException>(
            () => _host.Tokens.GetAccessTokenAsync("user-without-token", default));

        Assert.Equal(0, _amazon.RefreshCount);
    }

    [Fact]
    public async Task Tokens_AreKeptPerUser()
    {
        await _host.AddUserAsync("user-other", "refresh-other");

        var mine = await _host.Tokens.GetAccessTokenAsync(User, default);
        var theirs = await _host.Tokens.GetAccessTokenAsync("user-other", default);

        Assert.NotEqual(mine, theirs);
        Assert.Equal([AmcTestHost.RefreshToken, "refresh-other"], _amazon.PresentedRefreshTokens);
    }
}
