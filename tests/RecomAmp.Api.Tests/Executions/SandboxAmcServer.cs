using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.Sandbox;
using RecomAmp.Sandbox.Amc;
using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// The Sandbox (Login with Amazon and AMC) in its own Kestrel host on 127.0.0.1, apart from DevHost, so that
/// its users, tokens and AMC executions outlive a DevHost restart. Small synthetic data, no AMC delays unless
/// asked for, and small result files so that results come in several files.
/// </summary>
public sealed class SandboxAmcServer : IAsyncDisposable
{
    /// <summary>An access token the Sandbox's AMC accepts besides its LWA's, for the tests' own calls.</summary>
    public const string TestAccessToken = "Atza|recomamp-api-tests";

    public const string AccountId = "ENTITY1TEST";
    public const string MarketplaceId = "ATVPDKIKX0DER";

    private readonly WebApplication _app;

    private SandboxAmcServer(WebApplication app, string root)
    {
        _app = app;
        BaseUrl = root + SandboxEndpointRouteBuilderExtensions.DefaultPrefix;
    }

    /// <summary>Where the Sandbox's Amazon paths start, e.g. http://127.0.0.1:41234/sandbox.</summary>
    public string BaseUrl { get; }

    public AmcFaultInjection Faults => _app.Services.GetRequiredService<AmcFaultInjection>();

    public static async Task<SandboxAmcServer> StartAsync(TimeSpan runningDelay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Amc:PendingDelay"] = "00:00:00",
            ["Sandbox:Amc:RunningDelay"] = runningDelay.ToString(),
            ["Sandbox:Amc:RetryAfterSeconds"] = "0",
            ["Sandbox:Amc:BuildDataOnStart"] = "true",
            ["Sandbox:Amc:MaxRowsPerFile"] = "100",
            ["Sandbox:Amc:Data:EventsPerTable"] = "40000",
            ["Sandbox:Amc:Data:UserCount"] = "8000",
        });
        builder.Services.AddSingleton<ISandboxAccessTokens>(
            services => new TestAccessTokens(services.GetRequiredService<LwaSandboxAuthority>()));
        builder.Services.AddRecomAmpSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapRecomAmpSandbox();
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SandboxAmcServer(app, root);
    }

    /// <summary>The executions AMC has for one saved workflow of an instance, as AMC lists them.</summary>
    public async Task<JsonArray> ListExecutionsAsync(string amcInstanceId, string amcWorkflowId)
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestAccessToken);
        client.DefaultRequestHeaders.Add("Amazon-Advertising-API-ClientId", SandboxLwaOptions.DefaultClientId);
        client.DefaultRequestHeaders.Add("Amazon-Advertising-API-AdvertiserId", AccountId);
        client.DefaultRequestHeaders.Add("Amazon-Advertising-API-MarketplaceId", MarketplaceId);
        var text = await client.GetStringAsync(
            $"{BaseUrl}/amc/reporting/{amcInstanceId}/workflowExecutions?workflowId={amcWorkflowId}");
        return JsonNode.Parse(text)!["executions"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The Sandbox LWA's access tokens, and <see cref="TestAccessToken"/>.</summary>
    private sealed class TestAccessTokens(LwaSandboxAuthority authority) : ISandboxAccessTokens
    {
        public bool IsValid(string token) =>
            token == TestAccessToken || authority.FindUserByAccessToken(token) is not null;
    }
}
