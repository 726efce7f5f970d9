namespace RecomAmp.Core.Tests.Auth;

/// <summary>A fresh data folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TemporaryDataFolder : IDisposable
{
    public TemporaryDataFolder()
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), "recomamp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalizing handle; the temp folder is cleaned by the system eventually.
        }
    }
}
