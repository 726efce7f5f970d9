namespace RecomAmp.Core.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The folder name used when <see cref="DataPath"/> is not set, under the current directory.</summary>
    public const string DefaultDataFolderName = ".recomamp-data";

    /// <summary><c>Embedded</c> (SQLite file in the data folder, the default) or <c>Cosmos</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Embedded;

    /// <summary>
    /// The local data folder: the embedded database, result files and generated development keys.
    /// Defaults to <c>.recomamp-data</c> under the current directory.
    /// </summary>
    public string? DataPath { get; set; }
}
