using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Storage;

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
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = dataPath ?? _dataFolder.Path,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddRecomAmpStorage(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddRecomAmpAuth(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public string DataPath => _dataFolder.Path;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose()
    {
        _provider.Dispose();
        _dataFolder.Dispose();
    }
}
