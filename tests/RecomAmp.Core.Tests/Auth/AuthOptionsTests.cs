using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Tests.Auth;

public sealed class AuthOptionsTests
{
    [Fact]
    public void AllowedRedirectUris_WhenNotConfigured_HoldTheLocalFrontEnd()
    {
        using var services = new AuthServices(new FakeTimeProvider());

        var options = services.Get<IOptions<AuthOptions>>().Value;

        Assert.Equal(["http://localhost:5173/auth/callback"], options.AllowedRedirectUris);
        Assert.Equal(TimeSpan.FromHours(8), options.AccessTokenLifetime);
    }

    [Fact]
    public void AllowedRedirectUris_WhenConfigured_ReplaceTheDefault()
    {
        using var services = new AuthServices(new FakeTimeProvider(), new Dictionary<string, string?>
        {
            ["Auth:AllowedRedirectUris:0"] = "https://app.example.com/auth/callback",
            ["Auth:AccessTokenLifetime"] = "01:00:00",
        });

        var options = services.Get<IOptions<AuthOptions>>().Value;

        Assert.Equal(["https://app.example.com/auth/callback"], options.AllowedRedirectUris);
        Assert.Equal(TimeSpan.FromHours(1), options.AccessTokenLifetime);
    }

    [Theory]
    [InlineData(LwaRegion.NA, "https://www.amazon.com/ap/oa", "https://api.amazon.com/auth/o2/token",
        "https://api.amazon.com/user/profile")]
    [InlineData(LwaRegion.EU, "https://eu.account.amazon.com/ap/oa", "https://api.amazon.co.uk/auth/o2/token",
        "https://api.amazon.co.uk/user/profile")]
    [InlineData(LwaRegion.FE, "https://apac.account.amazon.com/ap/oa",
        "https://api.amazon.co.jp/auth/o2/token", "https://api.amazon.co.jp/user/profile")]
    public void LwaOptions_ForRegion_ResolveAmazonsUrls(
        LwaRegion region, string authorize, string token, string profile)
    {
        var options = new LwaOptions { Region = region };

        Assert.Equal(authorize, options.ResolveAuthorizeUrl().AbsoluteUri);
        Assert.Equal(token, options.ResolveTokenUrl().AbsoluteUri);
        Assert.Equal(profile, options.ResolveProfileUrl().AbsoluteUri);
    }

    [Fact]
    public void LwaOptions_WithBaseUrlAndOverride_ResolveUnderTheBaseUnlessOverridden()
    {
        var options = new LwaOptions
        {
            Region = LwaRegion.EU,
            BaseUrl = "http://localhost:7071/sandbox",
            ProfileUrl = "http://profile.test/me",
        };

        Assert.Equal("http://localhost:7071/sandbox/ap/oa", options.ResolveAuthorizeUrl().AbsoluteUri);
        Assert.Equal("http://localhost:7071/sandbox/auth/o2/token", options.ResolveTokenUrl().AbsoluteUri);
        Assert.Equal("http://profile.test/me", options.ResolveProfileUrl().AbsoluteUri);
    }

    [Fact]
    public void LwaOptions_WithRelativeUrl_FailValidation()
    {
        using var services = new AuthServices(new FakeTimeProvider(),
            new Dictionary<string, string?> { ["Lwa:TokenUrl"] = "/auth/o2/token" });

        Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<LwaOptions>>().Value);
    }
}
