using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using RecomAmp.Sandbox;

namespace RecomAmp.DevHost.Hosting;

/// <summary>How DevHost layers its configuration and which defaults it brings.</summary>
internal static class DevHostConfiguration
{
    /// <summary>
    /// The address <c>func start</c> listens on, which DevHost takes when no other is configured.
    /// </summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>
    /// Built-in settings: the embedded local stack, and quiet logs from the durable backend's plumbing.
    /// </summary>
    private static readonly Dictionary<string, string?> _embeddedDefaults = new()
    {
        ["Storage:Provider"] = "Embedded",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

        // The in-process durable backend runs a second web host whose start and stop messages would read as
        // if DevHost itself listened on its gRPC port; DevHost prints its own address instead.
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
        ["Logging:LogLevel:DurableTask"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
    };

    /// <summary>
    /// Puts the defaults (and <c>local.settings.json</c>) under the builder's own sources and the caller's
    /// settings over them: defaults, local settings, appsettings, environment, command line, then <see
    /// cref="DevHostOptions.Settings"/>.
    /// </summary>
    public static DevHostDefaultsSource Layer(WebApplicationBuilder builder, DevHostOptions options)
    {
        var defaults = new DevHostDefaultsSource(_embeddedDefaults);
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        sources.Insert(0, defaults);
        if (options.ReadLocalSettings)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "local.settings.json");
            sources.Insert(1, new MemoryConfigurationSource { InitialData = LocalSettings.Read(path) });
        }

        if (options.Settings.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }

        return defaults;
    }

    /// <summary>Points the product's Login with Amazon settings at the Sandbox this process hosts.</summary>
    /// <remarks>Only defaults: a configured <c>Lwa</c> value (real Amazon, another sandbox) wins.</remarks>
    public static void PointLwaAtSandbox(DevHostDefaultsSource defaults, string baseUrl)
    {
        var sandbox = baseUrl + SandboxEndpointRouteBuilderExtensions.DefaultPrefix;
        defaults.Set("Lwa:AuthorizeUrl", sandbox + "/ap/oa");
        defaults.Set("Lwa:TokenUrl", sandbox + "/auth/o2/token");
        defaults.Set("Lwa:ProfileUrl", sandbox + "/user/profile");
    }
}
