using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Tests.Sandbox;

namespace RecomAmp.Core.Tests.Amc;

/// <summary>
/// The Sandbox (Login with Amazon and AMC, executions that run at once, small data) and the product's
/// services pointed at it, with <see cref="AmcTestHost.UserId"/> signed in through the Sandbox.
/// </summary>
public sealed class AmcSandboxFixture : IAsyncLifetime
{
    private const string RedirectUri = "http://localhost:5173/auth/callback";

    internal SandboxServer Sandbox { get; private set; } = null!;

    internal AmcTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(TimeProvider.System, new Dictionary<string, string?>
        {
            ["Sandbox:Amc:PendingDelay"] = "00:00:00",
            ["Sandbox:Amc:RunningDelay"] = "00:00:00",
            ["Sandbox:Amc:BuildDataOnStart"] = "false",
            ["Sandbox:Amc:RetryAfterSeconds"] = "1",
            ["Sandbox:Amc:Data:EventsPerTable"] = "20000",
            ["Sandbox:Amc:Data:UserCount"] = "4000",
        });
        Host = await AmcTestHost.StartAsync(Sandbox.BaseUrl, userRefreshToken: null);
        await Host.AddUserAsync(AmcTestHost.UserId, await SignInAsync());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Signs in at the Sandbox's Login with Amazon as a browser and the product would.</summary>
    /// <returns>The Amazon refresh token.</returns>
    private async Task<string> SignInAsync()
    {
        var lwa = Host.Get<LwaClient>();
        var pkce = Pkce.Create();
        var url = lwa.BuildAuthorizationUrl(RedirectUri, "state-1", pkce.Challenge);
        using var response = await Sandbox.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
        var tokens = await lwa.ExchangeCodeAsync(code, RedirectUri, pkce.Verifier, default);
        return tokens.RefreshToken;
    }
}
