using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Orchestration;

namespace RecomAmp.DevHost.Durable;

public static class DurableBackendServiceCollectionExtensions
{
    /// <summary>
    /// Runs the product's orchestrators and activities (<c>AddRecomAmpTasks</c>) on the in-process durable
    /// backend and registers its <c>DurableTaskClient</c>, which <c>[DurableClient]</c> parameters receive.
    /// </summary>
    /// <param name="services">The services.</param> <param name="configuration">Read for <see
    /// cref="DurableBackendOptions"/>.</param> <param name="configureTasks">Further tasks to register
    /// (test-only orchestrations), or null.</param> <exception cref="DevHostStartupException">The settings
    /// are out of range.</exception>
    public static IServiceCollection AddDevHostDurableBackend(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<DurableTaskRegistry>? configureTasks = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DurableBackendOptions.SectionName).Get<DurableBackendOptions>()
            ?? new DurableBackendOptions();
        if (options.MaxConcurrentWorkItems < 1)
        {
            throw new DevHostStartupException(
                $"{DurableBackendOptions.SectionName}:{nameof(DurableBackendOptions.MaxConcurrentWorkItems)} "
                + "must be at least 1.");
        }

        // The package picks a random port in 30000-40000 when none is given, which can collide with another
        // DevHost or test host on the machine; a port the system reports free is a safer start.
        var port = options.SidecarPort ?? FreeLoopbackPort();
        services.AddInMemoryDurableTask(
            registry =>
            {
                registry.AddRecomAmpTasks();
                configureTasks?.Invoke(registry);
            },
            new InMemoryDurableTaskOptions { Port = port });

        services.RemoveAll<InMemoryOrchestrationService>();
        services.AddSingleton<InMemoryOrchestrationService>(sp =>
            new DevHostOrchestrationService(options.MaxConcurrentWorkItems, sp.GetService<ILoggerFactory>()));
        return services;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
