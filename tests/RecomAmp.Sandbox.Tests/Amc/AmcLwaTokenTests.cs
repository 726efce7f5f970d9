using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>AMC accepts the access tokens the Sandbox's Login with Amazon issues, and only those.</summary>
public sealed class AmcLwaTokenTests(AmcLwaSandboxHost host) : IClassFixture<AmcLwaSandboxHost>
{
    [Fact]
    public async Task ListAccounts_WithLwaAccessToken_Succeeds()
    {
        var lwa = host.Services.GetRequiredService<LwaSandboxAuthority>();
        const string redirect = "http://localhost/callback";
        var code = lwa.IssueAuthorizationCode(new LwaAuthorizeRequest(SandboxLwaOptions.DefaultClientId,
            "profile advertising::campaign_management", "code", redirect, null, null, null));
        var tokens = lwa.RedeemAuthorizationCode(
            new LwaClientCredentials(SandboxLwaOptions.DefaultClientId, SandboxLwaOptions.DefaultClientSecret),
            code, redirect, null);
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var accepted = await client.GetAsync(new Uri("amc/accounts", UriKind.Relative));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AmcSandboxHost.Token);
        using var refused = await client.GetAsync(new Uri("amc/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
