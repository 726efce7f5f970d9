using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.DevHost;
using RecomAmp.Sandbox;

namespace RecomAmp.Benchmarks;

/// <summary>
/// The Sandbox (Login with Amazon and AMC, no delays) and DevHost in this process, on 127.0.0.1, with a fresh
/// data folder; DevHost's executions use the Sandbox's AMC.
/// </summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private const string RedirectUri = "http://localhost:5173/auth/callback";

    private readonly WebApplication _sandbox;
    private readonly WebApplication _devHost;
    private readonly string _dataPath;

    private BenchmarkHost(WebApplication sandbox, WebApplication devHost, string dataPath, string baseUrl)
    {
        _sandbox = sandbox;
        _devHost = devHost;
        _dataPath = dataPath;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _devHost.Services;

    public static async Task<BenchmarkHost> StartAsync(IReadOnlyDictionary<string, string?> executionSettings)
    {
        var sandbox = await StartSandboxAsync();
        var sandboxUrl = sandbox.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()
            + SandboxEndpointRouteBuilderExtensions.DefaultPrefix;

        var dataPath = Path.Combine(Path.GetTempPath(), "recomamp-benchmarks", Guid.NewGuid().ToString("N"));
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var settings = new Dictionary<string, string?>(executionSettings)
        {
            ["urls"] = baseUrl,
            ["Storage:Provider"] = "Embedded",
            ["Storage:DataPath"] = dataPath,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Amc:BaseUrl"] = sandboxUrl,
            ["Lwa:BaseUrl"] = sandboxUrl + "/",
        };
        var options = new DevHostOptions { Settings = settings, Banner = null };
        var builder = DevHostApplication.CreateBuilder([], options);
        var devHost = DevHostApplication.Build(builder);
        await devHost.StartAsync();
        return new BenchmarkHost(sandbox, devHost, dataPath, baseUrl);
    }

    /// <summary>Signs a user in through the Sandbox's Login with Amazon, as the single-page app does.</summary>
    /// <returns>The RecomAmp access token; the client sends it from now on.</returns>
    public async Task<string> SignInAsync(string email)
    {
        using var login = await Client.PostAsJsonAsync("/api/auth/login", new { redirect_uri = RedirectUri });
        var authUrl = (await ReadAsync(login)).GetProperty("auth_url").GetString()!;
        var hinted = new Uri(authUrl + "&login_hint=" + Uri.EscapeDataString(email));
        using var authorize = await Client.GetAsync(hinted);
        var redirect = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        using var callback = await Client.PostAsJsonAsync(
            "/api/auth/amazon/callback",
            new { code = redirect["code"].ToString(), state = redirect["state"].ToString() });
        var token = (await ReadAsync(callback)).GetProperty("access_token").GetString()!;
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    /// <summary>Sends a JSON request and returns the JSON answer; a failure status throws.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Client.SendAsync(request);
        return await ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _devHost.StopAsync();
        await _devHost.DisposeAsync();
        await _sandbox.StopAsync();
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }

    private static async Task<WebApplication> StartSandboxAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Amc:PendingDelay"] = "00:00:00",
            ["Sandbox:Amc:RunningDelay"] = "00:00:00",
            ["Sandbox:Amc:BuildDataOnStart"] = "true",
        });
        builder.Services.AddRecomAmpSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapRecomAmpSandbox();
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered "
                + $"{(int)response.StatusCode}: {text}");
        }

        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
