using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.Sandbox;
using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Core.Tests.Sandbox;

/// <summary>The Sandbox served by Kestrel on 127.0.0.1 at a free port, as a host serves it.</summary>
internal sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
        BaseUrl = new Uri(root, SandboxEndpointRouteBuilderExtensions.DefaultPrefix + "/");
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        Client = new HttpClient(handler) { BaseAddress = BaseUrl };
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:43121/.</summary>
    public Uri Root { get; }

    /// <summary>Where the Sandbox's endpoints start, e.g. http://127.0.0.1:43121/sandbox/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A client that does not follow redirects, addressed at <see cref="BaseUrl"/>.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The Sandbox's Login with Amazon state, to look up its users.</summary>
    public LwaSandboxAuthority Lwa => _app.Services.GetRequiredService<LwaSandboxAuthority>();

    public static async Task<SandboxServer> StartAsync(
        TimeProvider timeProvider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddRecomAmpSandbox(builder.Configuration);

        var app = builder.Build();
        app.MapRecomAmpSandbox();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SandboxServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
