using Microsoft.Extensions.Options;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>A data folder under the system temp folder for one test class, deleted afterwards.</summary>
public sealed class TemporaryDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "recomamp-tests-" + Guid.NewGuid().ToString("N"));

    public DataFolder CreateDataFolder() => new(Options.Create(new StorageOptions { DataPath = Path }));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
