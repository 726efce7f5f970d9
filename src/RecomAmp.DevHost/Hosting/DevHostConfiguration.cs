using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
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
    /// Puts the defaults under the builder's own sources and the caller's settings over them: defaults,
    /// appsettings, environment, command line, then <see cref="DevHostOptions.Settings"/>.
    /// </summary>
    /// <remarks>
    /// <c>local.settings.json</c> is not read: it configures <c>func start</c>, and its sample points Login
    /// with Amazon at a DevHost on another port.
    /// </remarks>
    public static DevHostDefaultsSource Layer(WebApplicationBuilder builder, DevHostOptions options)
    {
        var defaults = new DevHostDefaultsSource(_embeddedDefaults);
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, defaults);

        if (options.Settings.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }

        return defaults;
    }

    /// <summary>Points the product's Login with Amazon endpoints at the Sandbox this process hosts.</summary>
    /// <remarks>
    /// Only defaults (a configured URL wins), and none when <c>Lwa:Region</c> or <c>Lwa:BaseUrl</c> is set:
    /// those choose real Amazon or another sandbox, and an endpoint URL would override them.
    /// </remarks>
    public static void PointLwaAtSandbox(
        DevHostDefaultsSource defaults, IConfiguration configuration, string baseUrl)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Lwa:Region"])
            || !string.IsNullOrWhiteSpace(configuration["Lwa:BaseUrl"]))
        {
            return;
        }

        var sandbox = baseUrl + SandboxEndpointRouteBuilderExtensions.DefaultPrefix;
        defaults.Set("Lwa:AuthorizeUrl", sandbox + "/ap/oa");
        defaults.Set("Lwa:TokenUrl", sandbox + "/auth/o2/token");
        defaults.Set("Lwa:ProfileUrl", sandbox + "/user/profile");
    }

    /// <summary>Points the product's AMC client at the Sandbox this process hosts.</summary>
    /// <remarks>
    /// Only a default, and none when any <c>Amc</c> base URL is configured: that chooses real Amazon (its
    /// regional hosts) or another sandbox.
    /// </remarks>
    public static void PointAmcAtSandbox(
        DevHostDefaultsSource defaults, IConfiguration configuration, string baseUrl)
    {
        string[] choices = ["Amc:BaseUrl", "Amc:NaBaseUrl", "Amc:EuBaseUrl", "Amc:FeBaseUrl"];
        if (choices.Any(key => !string.IsNullOrWhiteSpace(configuration[key])))
        {
            return;
        }

        defaults.Set("Amc:BaseUrl", baseUrl + SandboxEndpointRouteBuilderExtensions.DefaultPrefix);
    }
}
