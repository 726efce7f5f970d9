namespace RecomAmp.Sandbox.Amc;

/// <summary>Where execution results go; <see cref="Owned"/> when the Sandbox made it and deletes it on stop.</summary>
internal sealed record AmcResultsFolder(string Path, bool Owned)
{
    public static AmcResultsFolder For(AmcSandboxOptions options) =>
        string.IsNullOrEmpty(options.ResultsPath)
            ? new AmcResultsFolder(
                System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recomamp-sandbox-amc", Guid.NewGuid().ToString()),
                true)
            : new AmcResultsFolder(options.ResultsPath, false);
}
