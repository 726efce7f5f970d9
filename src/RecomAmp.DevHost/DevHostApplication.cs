using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Cosmos;
using RecomAmp.DevHost.Durable;
using RecomAmp.DevHost.Functions;
using RecomAmp.DevHost.Hosting;
using RecomAmp.Functions;
using RecomAmp.Sandbox;

namespace RecomAmp.DevHost;

/// <summary>
/// Builds DevHost: the Functions app's HTTP functions on ASP.NET Core, its timer functions on their
/// schedules, its durable tasks on the in-process backend, and the Sandbox, in one process. <c>Program.cs</c>
/// and the end-to-end tests both start it through here.
/// </summary>
public static class DevHostApplication
{
    /// <summary>The assembly whose functions DevHost serves unless told otherwise.</summary>
    public static Assembly FunctionsAssembly => typeof(FunctionsServiceCollectionExtensions).Assembly;

    /// <summary>
    /// Creates the builder with DevHost's configuration and services. Every function is scanned and bound
    /// here, so one that DevHost cannot serve throws now.
    /// </summary>
    /// <exception cref="DevHostStartupException">
    /// A function, schedule or setting DevHost cannot use.
    /// </exception>
    public static WebApplicationBuilder CreateBuilder(string[] args, DevHostOptions? options = null)
    {
        options ??= new DevHostOptions();
        var builder = WebApplication.CreateBuilder(args);
        var defaults = DevHostConfiguration.Layer(builder, options);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DevHostConfiguration.DefaultUrl);
        }

        // With port 0 the address is only known once Kestrel listens; OnStarted sets the LWA and AMC defaults
        // then.
        var baseUrl = ListeningAddress.ForClients(builder.Configuration[WebHostDefaults.ServerUrlsKey]);
        if (baseUrl is not null)
        {
            DevHostConfiguration.PointLwaAtSandbox(defaults, builder.Configuration, baseUrl);
            DevHostConfiguration.PointAmcAtSandbox(defaults, builder.Configuration, baseUrl);
        }

        builder.Services.AddRecomAmpFunctions(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddRecomAmpSandbox(builder.Configuration);
        builder.Services.AddDevHostDurableBackend(builder.Configuration, options.ConfigureTasks);
        var functionsFolder = Path.GetDirectoryName(FunctionsAssembly.Location) ?? AppContext.BaseDirectory;
        builder.Services.AddDevHostFunctions(
            builder.Configuration,
            options.FunctionTypes ?? FunctionsAssembly.GetTypes(),
            HostJson.ReadRoutePrefix(functionsFolder));
        builder.Services.AddSingleton(new StartupState(defaults, baseUrl, options.Banner));
        return builder;
    }

    /// <summary>
    /// Builds the application from a builder of <see cref="CreateBuilder"/> and maps its endpoints.
    /// </summary>
    /// <exception cref="DevHostStartupException">
    /// A function's class needs a service that cannot be created.
    /// </exception>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapRecomAmpSandbox(SandboxEndpointRouteBuilderExtensions.DefaultPrefix);
        app.MapHttpFunctions();

        var dataFolder = ResolveDataFolder(app);
        app.Lifetime.ApplicationStarted.Register(() => OnStarted(app, dataFolder));
        return app;
    }

    /// <summary>The base URL clients reach a started DevHost on, e.g. <c>http://localhost:7071</c>.</summary>
    public static string GetBaseUrl(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<IServer>();
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return ListeningAddress.ForClients(string.Join(';', addresses))
            ?? throw new InvalidOperationException("DevHost is not listening yet.");
    }

    private static void OnStarted(WebApplication app, string dataFolder)
    {
        var state = app.Services.GetRequiredService<StartupState>();
        var baseUrl = GetBaseUrl(app);
        if (state.ConfiguredBaseUrl is null)
        {
            DevHostConfiguration.PointLwaAtSandbox(state.Defaults, app.Configuration, baseUrl);
            DevHostConfiguration.PointAmcAtSandbox(state.Defaults, app.Configuration, baseUrl);
        }

        if (state.Banner is { } banner)
        {
            var http = app.Services.GetRequiredService<HttpFunctionCatalog>();
            var timers = app.Services.GetRequiredService<TimerFunctionCatalog>();
            DevHostBanner.Write(
                banner, baseUrl, http.RoutePrefix, dataFolder, DescribeDocumentStore(app),
                http.Functions.Count, timers.Functions.Count);
        }
    }

    private static string DescribeDocumentStore(WebApplication app)
    {
        var provider = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;
        if (provider != StorageProvider.Cosmos)
        {
            return "SQLite file in the data folder";
        }

        var cosmos = app.Services.GetRequiredService<IOptions<CosmosOptions>>().Value;
        return $"Cosmos DB {cosmos.AccountEndpoint}, database {cosmos.DatabaseName}";
    }

    private static string ResolveDataFolder(WebApplication app)
    {
        // The storage registration provides the folder; until it does, build it from the same settings.
        var options = app.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>();
        var folder = app.Services.GetService<DataFolder>()
            ?? new DataFolder(Options.Create(options ?? new StorageOptions()));
        return folder.Path;
    }

    private sealed record StartupState(
        DevHostDefaultsSource Defaults, string? ConfiguredBaseUrl, TextWriter? Banner);
}
