using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Executions.Results;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Downloads every result file of a SUCCEEDED AMC execution at once (AMC's links expire after minutes),
/// asking for fresh links when they have expired, and stores them merged into one CSV in the result store.
/// </summary>
public sealed class DownloadResultsActivity(
    AmcReportingClient amc, IResultStore results, ILogger<DownloadResultsActivity> logger)
    : TaskActivity<DownloadResultsInput, StoredResult>
{
    /// <summary>Result files downloaded at the same time.</summary>
    private const int MaxParallelDownloads = 8;

    public override async Task<StoredResult> RunAsync(TaskActivityContext context, DownloadResultsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var execution = input.Execution;

        // The files land in a private temporary folder first: the links are only good for minutes, and the
        // merge reads the files one after the other.
        var folder = Path.Combine(
            Path.GetTempPath(), "recomamp-downloads", $"{execution.ExecutionId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = await DownloadAllAsync(execution, folder, input.LinkAttempts, cancellationToken);
            var parts = new List<Stream>(files.Count);
            try
            {
                parts.AddRange(files.Select(OpenForMerge));
                var stored = await results.WriteAsync(
                    execution.UserId, execution.ExecutionId, parts, input.OutputColumns, cancellationToken);
                ExecutionsLog.ResultStored(
                    logger, execution.ExecutionId, stored.Rows, stored.SizeBytes, files.Count);
                return stored;
            }
            finally
            {
                foreach (var part in parts)
                {
                    await part.DisposeAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IReadOnlyList<string>> DownloadAllAsync(
        AmcExecutionReference execution, string folder, int linkAttempts, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var urls = await amc.GetDownloadUrlsAsync(
                execution.Target, execution.AmcExecutionId, cancellationToken);
            var files = urls.Select((_, index) => Path.Combine(folder, $"part-{index:D5}.csv")).ToList();
            try
            {
                var options = new ParallelOptions
                {
                    MaxDegreeOfParallelism = MaxParallelDownloads,
                    CancellationToken = cancellationToken,
                };
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, urls.Count),
                    options,
                    (index, token) => DownloadAsync(urls[index], files[index], token));
                return files;
            }
            catch (AmcDownloadExpiredException) when (round < linkAttempts)
            {
                ExecutionsLog.DownloadLinksExpired(logger, execution.AmcExecutionId, round);
            }
        }
    }

    private async ValueTask DownloadAsync(Uri url, string file, CancellationToken cancellationToken)
    {
        await using var source = await amc.OpenDownloadAsync(url, cancellationToken);
        await using var target = new FileStream(
            file, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        await source.CopyToAsync(target, cancellationToken);
    }

    private static FileStream OpenForMerge(string file) => new(
        file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
}
