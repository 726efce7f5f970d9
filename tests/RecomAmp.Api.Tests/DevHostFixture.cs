using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.DevHost;
using RecomAmp.Testing;

namespace RecomAmp.Api.Tests;

/// <summary>
/// Starts DevHost in this process on http://127.0.0.1:&lt;free port&gt; with a fresh data folder, and removes
/// both on dispose. Use it as a class or collection fixture; derive from it to serve test-only functions or
/// to change settings, services or durable tasks. It keeps documents in the embedded store;
/// <see cref="CosmosDevHostFixture"/> runs the same DevHost over Cosmos DB.
/// </summary>
/// <remarks>
/// An API suite that must hold on both stores is an abstract class taking a <see cref="DevHostFixture"/>,
/// with two nested classes that pick the fixture: <c>Embedded</c> (this one) and <c>Cosmos</c>.
/// </remarks>
public class DevHostFixture : IAsyncLifetime
{
    /// <summary>The redirect URI the single-page app registers, which sign-in sends back to.</summary>
    public const string SpaRedirectUri = "http://localhost:5173/auth/callback";

    private WebApplication? _app;

    /// <summary>A client of DevHost (BaseAddress is its base URL); it does not follow redirects.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>DevHost's services.</summary>
    public IServiceProvider Services => App.Services;

    public WebApplication App => _app ?? throw new InvalidOperationException("DevHost has not started.");

    /// <summary>DevHost's base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The data folder of this DevHost (Storage:DataPath), deleted on dispose.</summary>
    public string DataPath { get; } =
        Path.Combine(Path.GetTempPath(), "recomamp-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Whether DevHost has started and not stopped.</summary>
    protected bool IsRunning => _app is not null;

    /// <summary>The types whose functions DevHost serves; null for the Functions app's own.</summary>
    protected virtual IReadOnlyList<Type>? FunctionTypes => null;

    public virtual Task InitializeAsync() => StartOnFreePortAsync();

    private async Task StartOnFreePortAsync()
    {
        // The port is free when chosen but could be taken before Kestrel binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync(LoopbackPorts.Free());
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                await StopAsync();
            }
        }
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();

        // Pooled SQLite connections keep the database file open on some systems.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }

    /// <summary>
    /// Stops DevHost and starts a new one on the same data folder and another port, as a developer restarting
    /// it would: what DevHost keeps in memory (its durable backend) is lost, what it stored is not. Use
    /// <see cref="Client"/> afresh afterwards.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartOnFreePortAsync();
    }

    /// <summary>
    /// Signs a user in over real HTTP the way the README tells a developer to: start sign-in, let the
    /// Sandbox's Login with Amazon authorize <paramref name="email"/>, and complete it with the code and
    /// state it returns.
    /// </summary>
    /// <returns>The RecomAmp access token.</returns>
    public async Task<string> SignInAsync(string email)
    {
        var (code, state) = await AuthorizeAsync(email);

        var answer = new { code, state };
        using var callback = await Client.PostAsJsonAsync("/api/auth/amazon/callback", answer);
        var signedIn = await ReadSuccessAsync(callback);
        return signedIn.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// The first half of sign-in: start a login and let the Sandbox authorize <paramref name="email"/>.
    /// </summary>
    /// <returns>The authorization code and the state that the Sandbox redirected back with.</returns>
    public async Task<(string Code, string State)> AuthorizeAsync(string email)
    {
        var start = new { redirect_uri = SpaRedirectUri };
        using var login = await Client.PostAsJsonAsync("/api/auth/login", start);
        var started = await ReadSuccessAsync(login);
        var authUrl = started.GetProperty("auth_url").GetString()!;

        var hinted = new Uri(authUrl + "&login_hint=" + Uri.EscapeDataString(email));
        using var authorize = await Client.GetAsync(hinted);
        var status = authorize.StatusCode;
        Assert.True(
            status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"The Sandbox's authorize page answered {(int)status} instead of a redirect.");
        var redirect = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        return (redirect["code"].ToString(), redirect["state"].ToString());
    }

    /// <summary>
    /// Settings for this DevHost; the defaults listen on the given URL with a fresh data folder.
    /// </summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Services to add or replace after DevHost's own registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Test-only orchestrators and activities for the in-process durable backend.</summary>
    protected virtual void ConfigureTasks(DurableTaskRegistry registry)
    {
    }

    private async Task StartAsync(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = BaseUrl,
            ["Storage:Provider"] = "Embedded",
            ["Storage:DataPath"] = DataPath,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        ConfigureSettings(settings);

        var builder = DevHostApplication.CreateBuilder([], new DevHostOptions
        {
            FunctionTypes = FunctionTypes,
            Settings = settings,
            ConfigureTasks = ConfigureTasks,
            Banner = null,
        });
        ConfigureServices(builder.Services);
        _app = DevHostApplication.Build(builder);
        await _app.StartAsync();
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
        };
    }

    private async Task StopAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            try
            {
                await _app.StopAsync();
            }
            finally
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }
    }

    private static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var request = response.RequestMessage;
        Assert.True(
            response.IsSuccessStatusCode,
            $"{request?.Method} {request?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

}
