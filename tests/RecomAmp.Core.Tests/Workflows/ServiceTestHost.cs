using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Tests.Workflows;

/// <summary>
/// The product's Core services as the hosts register them, over the embedded SQLite store in a fresh
/// temporary data folder, with a fake clock.
/// </summary>
internal sealed class ServiceTestHost : IDisposable
{
    private readonly string _dataPath =
        Path.Combine(Path.GetTempPath(), "recomamp-tests-" + Guid.NewGuid().ToString("N"));

    private readonly ServiceProvider _provider;

    /// <param name="settings">Settings over the defaults, e.g. to run over the Cosmos DB store.</param>
    public ServiceTestHost(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Embedded",
            ["Storage:DataPath"] = _dataPath,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRecomAmpCore(configuration);
        services.AddSingleton<TimeProvider>(Clock);

        // Every service talks to the real store through a pass-through that tests can use to interleave
        // writes.
        var registered = services.Last(service => service.ServiceType == typeof(IDocumentStore));
        services.Remove(registered);
        services.AddSingleton(provider => new InterferingDocumentStore(Create(registered, provider)));
        services.AddSingleton<IDocumentStore>(
            provider => provider.GetRequiredService<InterferingDocumentStore>());
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The store every service uses; set its hooks to interleave a concurrent write.</summary>
    public InterferingDocumentStore Store => _provider.GetRequiredService<InterferingDocumentStore>();

    public InstanceService Instances => _provider.GetRequiredService<InstanceService>();

    public WorkflowService Workflows => _provider.GetRequiredService<WorkflowService>();

    /// <summary>Any service as the hosts register it.</summary>
    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    private static IDocumentStore Create(ServiceDescriptor registered, IServiceProvider provider) =>
        (IDocumentStore)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));

    public void Dispose()
    {
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
