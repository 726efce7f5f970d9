using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Tests.Storage;

namespace RecomAmp.Core.Tests.Auth;

/// <summary>The auth services as the product registers them, on a temporary data folder.</summary>
internal sealed class AuthServices : IDisposable
{
    private readonly TemporaryDataFolder _dataFolder;
    private readonly ServiceProvider _provider;

    public AuthServices(
        FakeTimeProvider time, IReadOnlyDictionary<string, string?>? settings = null, string? dataPath = null)
    {
        _dataFolder = new TemporaryDataFolder();
        DataPath = dataPath ?? _dataFolder.Path;
        var values = new Dictionary<string, string?> { ["Storage:DataPath"] = DataPath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddRecomAmpStorage(configuration);
        services.AddRecomAmpAuth(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The data folder in use: the temporary one, or the one given to share keys.</summary>
    public string DataPath { get; }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose()
    {
        _provider.Dispose();
        _dataFolder.Dispose();
    }
}
