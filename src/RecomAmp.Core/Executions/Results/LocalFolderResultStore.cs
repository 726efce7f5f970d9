using System.Text.RegularExpressions;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Executions.Results;

/// <summary>
/// Keeps results as files in the local data folder: <c>results/&lt;userId&gt;/&lt;executionId&gt;.csv</c>.
/// A result is written to a temporary file beside its final name and moved into place when complete, so a
/// reader never sees half a result.
/// </summary>
public sealed partial class LocalFolderResultStore(DataFolder dataFolder) : IResultStore
{
    private const int BufferSize = 1 << 16;

    public async Task<StoredResult> WriteAsync(
        string userId,
        string executionId,
        IReadOnlyList<Stream> parts,
        IReadOnlyList<string>? columns,
        CancellationToken cancellationToken)
    {
        var path = PathOf(userId, executionId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            (long Rows, IReadOnlyList<string> Columns) merged;
            long size;
            await using (var output = new FileStream(
                partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                merged = await ResultCsv.MergeAsync(parts, columns, output, cancellationToken);
                await output.FlushAsync(cancellationToken);
                size = output.Length;
            }

            File.Move(partial, path, overwrite: true);
            return new StoredResult(merged.Rows, size, merged.Columns);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream?> OpenReadAsync(string userId, string executionId, CancellationToken cancellationToken)
    {
        var path = PathOf(userId, executionId);
        try
        {
            // FileShare.Delete: deleting a result while someone downloads it must not fail the delete.
            Stream stream = new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read | FileShare.Delete,
                BufferSize,
                useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string userId, string executionId, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(userId, executionId));
        }
        catch (DirectoryNotFoundException)
        {
            // The user has no results at all; there is nothing to delete.
        }

        return Task.CompletedTask;
    }

    private string PathOf(string userId, string executionId)
    {
        // Both ids become path segments: only plain names are accepted, so no id can reach another folder.
        if (!Guid.TryParse(executionId, out var id))
        {
            throw new ArgumentException("An execution id is a UUID.", nameof(executionId));
        }

        if (string.IsNullOrEmpty(userId) || !SafeName().IsMatch(userId))
        {
            throw new ArgumentException("The user id cannot name a folder.", nameof(userId));
        }

        return Path.Combine(dataFolder.Path, "results", userId, id.ToString("D") + ".csv");
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
