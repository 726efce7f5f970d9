using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace RecomAmp.DevHost.Hosting;

/// <summary>
/// DevHost's built-in settings, placed under every other configuration source so that anything configured
/// wins. Unlike a memory source it can take a value after start-up: the LWA addresses are only known then
/// when DevHost listens on port 0.
/// </summary>
internal sealed class DevHostDefaultsSource(IEnumerable<KeyValuePair<string, string?>> initialData)
    : IConfigurationSource
{
    private readonly ConcurrentDictionary<string, string?> _data =
        new(initialData, StringComparer.OrdinalIgnoreCase);
    private DevHostDefaultsProvider? _provider;

    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        // The configuration manager builds a new provider each time its list of sources changes.
        var provider = new DevHostDefaultsProvider(_data);
        _provider = provider;
        return provider;
    }

    /// <summary>Sets a default and tells the configuration it changed.</summary>
    public void Set(string key, string? value)
    {
        _data[key] = value;
        _provider?.Refresh();
    }

    private sealed class DevHostDefaultsProvider(ConcurrentDictionary<string, string?> data)
        : ConfigurationProvider
    {
        public override void Load() =>
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);

        public void Refresh()
        {
            Load();
            OnReload();
        }
    }
}
