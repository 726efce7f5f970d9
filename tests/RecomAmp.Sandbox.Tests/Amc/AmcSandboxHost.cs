using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Sandbox.Amc;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>
/// The Sandbox on a real Kestrel at 127.0.0.1 with a fake clock, small data and the given PENDING delay.
/// A fake clock never moves by itself, so a non-zero delay keeps executions PENDING until a test advances it.
/// </summary>
public abstract class AmcSandboxHost : IAsyncLifetime
{
    public const string Token = "Atza|sandbox-test-token";
    public const string ClientId = "amzn1.application-oa2-client.recomamp-sandbox";

    private readonly bool _fixedToken;
    private WebApplication? _app;

    protected AmcSandboxHost(TimeSpan pendingDelay, bool fixedToken = true)
    {
        PendingDelay = pendingDelay;
        _fixedToken = fixedToken;
    }

    public FakeTimeProvider Time { get; } = new(AmcEngineFixture.Today);

    public TimeSpan PendingDelay { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public AmcFaultInjection Faults => _app!.Services.GetRequiredService<AmcFaultInjection>();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Amc:PendingDelay"] = PendingDelay.ToString(),
            ["Sandbox:Amc:RunningDelay"] = "00:00:00",
            ["Sandbox:Amc:BuildDataOnStart"] = "false",
            ["Sandbox:Amc:MaxRowsPerFile"] = "100",
            ["Sandbox:Amc:Data:EventsPerTable"] = "20000",
            ["Sandbox:Amc:Data:UserCount"] = "4000",
        });
        builder.Services.AddSingleton<TimeProvider>(Time);
        if (_fixedToken)
        {
            builder.Services.AddSingleton<ISandboxAccessTokens, FixedAccessTokens>();
        }

        builder.Services.AddRecomAmpSandbox(builder.Configuration);
        _app = builder.Build();
        _app.MapRecomAmpSandbox();
        await _app.StartAsync();
        var server = _app.Services.GetRequiredService<IServer>();
        var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address + SandboxEndpointRouteBuilderExtensions.DefaultPrefix + "/");
    }

    /// <summary>A client with every AMC header set for the default account.</summary>
    public HttpClient Client(bool amcHeaders = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (amcHeaders)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            client.DefaultRequestHeaders.Add("Amazon-Advertising-API-ClientId", ClientId);
            client.DefaultRequestHeaders.Add("Amazon-Advertising-API-AdvertiserId", AmcSandboxOptions.DefaultAccountId);
            client.DefaultRequestHeaders.Add(
                "Amazon-Advertising-API-MarketplaceId", AmcSandboxOptions.DefaultMarketplaceId);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class FixedAccessTokens : ISandboxAccessTokens
    {
        public bool IsValid(string token) => token == Token;
    }
}
