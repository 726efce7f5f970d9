using Microsoft.Extensions.Options;

namespace RecomAmp.Core.Storage;

/// <summary>The local data folder (<see cref="StorageOptions.DataPath"/>), created when first asked for.</summary>
public sealed class DataFolder(IOptions<StorageOptions> options)
{
    private readonly Lazy<string> _path = new(() =>
    {
        var configured = options.Value.DataPath;
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(Directory.GetCurrentDirectory(), StorageOptions.DefaultDataFolderName)
            : configured);
        Directory.CreateDirectory(path);
        return path;
    });

    /// <summary>The absolute path of the folder, which exists.</summary>
    public string Path => _path.Value;

    /// <summary>The absolute path of a file in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);
}
