using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Executions.Results;

namespace RecomAmp.Benchmarks;

/// <summary>
/// A result of <c>rows</c> rows in two AMC-sized files is merged into the result store (the path a SUCCEEDED
/// execution's download takes), then downloaded whole through
/// <c>GET /api/executions/{id}/results?format=csv</c>
/// while the managed heap is sampled. The client counts lines without keeping them.
/// </summary>
internal static class CsvDownloadBenchmark
{
    private const int Repeats = 3;

    public static async Task<Measurement> RunAsync(
        BenchmarkHost host, string userId, string instanceId, int rows)
    {
        var folder = Path.Combine(
            Path.GetTempPath(), "recomamp-benchmarks", "parts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var parts = new[] { Path.Combine(folder, "part-0.csv"), Path.Combine(folder, "part-1.csv") };
            await WritePartAsync(parts[0], 0, rows / 2);
            await WritePartAsync(parts[1], rows / 2, rows - (rows / 2));

            // A first merge and download warm the code up (tiered JIT); the ones after are measured, several
            // times, since other work on the machine disturbs single runs.
            await MergeAsync(host, userId, Guid.NewGuid().ToString(), parts);
            var executionId = Guid.NewGuid().ToString();
            var mergeTimes = new List<TimeSpan>();
            StoredResult stored = null!;
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                var mergeWatch = Stopwatch.StartNew();
                stored = await MergeAsync(host, userId, executionId, parts);
                mergeTimes.Add(mergeWatch.Elapsed);
            }

            await StoreExecutionAsync(host, userId, instanceId, executionId, stored);
            await DownloadAsync(host, executionId, rows);

            GC.Collect();
            var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var workingSetBefore = WorkingSet();
            using var sampling = new CancellationTokenSource();
            var sampler = SamplePeaksAsync(sampling.Token);
            var downloadTimes = new List<TimeSpan>();
            (long Lines, long Bytes) downloaded = default;
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                var watch = Stopwatch.StartNew();
                downloaded = await DownloadAsync(host, executionId, rows);
                downloadTimes.Add(watch.Elapsed);
            }

            await sampling.CancelAsync();
            var (peakHeap, peakWorkingSet) = await sampler;

            return new Measurement(
                stored.Rows,
                stored.SizeBytes,
                mergeTimes,
                downloaded.Lines - 1,
                downloaded.Bytes,
                downloadTimes,
                (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Repeats,
                heapBefore,
                peakHeap,
                workingSetBefore,
                peakWorkingSet);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WritePartAsync(string path, int first, int count)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("activity_date,campaign_id_string,campaign,impressions,reach,spend\r\n");
        var day = new DateOnly(2025, 1, 1);
        for (var row = first; row < first + count; row++)
        {
            var date = day.AddDays(row % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var campaign = row % 5000;
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{date},58{campaign:D10},\"Campaign {campaign}, \"\"spring\"\"\",{row % 100000},{row % 9000},"
                + $"{row % 100000 / 7.0:F2}\r\n"));
        }
    }

    private static async Task StoreExecutionAsync(
        BenchmarkHost host, string userId, string instanceId, string executionId, StoredResult stored)
    {
        var now = DateTimeOffset.UtcNow;
        var records = host.Services.GetRequiredService<ExecutionRecords>();
        await records.CreateAsync(
            new Execution(
                executionId, userId, Guid.NewGuid().ToString(), instanceId, ExecutionStatus.Succeeded,
                new Dictionary<string, JsonElement>(), "2025-01-01T00:00:00", "2026-01-01T00:00:00", "UTC",
                "SELECT 1", "SELECT 1", "amcbenchmark1", "ENTITY1BENCH", "ATVPDKIKX0DER", "us-east-1",
                null, null, "SUCCEEDED", stored.Columns, stored.Rows, stored.SizeBytes, 1, now, now, now, null,
                now),
            CancellationToken.None);
    }

    private static async Task<(long Lines, long Bytes)> DownloadAsync(
        BenchmarkHost host, string executionId, int rows)
    {
        var path = $"/api/executions/{executionId}/results?format=csv&limit={rows}";
        using var response = await host.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long lines = 0;
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return (lines, bytes);
    }

    private static async Task<StoredResult> MergeAsync(
        BenchmarkHost host, string userId, string executionId, IReadOnlyList<string> parts)
    {
        var store = host.Services.GetRequiredService<IResultStore>();
        var streams = parts.Select(path => (Stream)File.OpenRead(path)).ToList();
        try
        {
            return await store.WriteAsync(userId, executionId, streams, null, CancellationToken.None);
        }
        finally
        {
            streams.ForEach(stream => stream.Dispose());
        }
    }

    /// <summary>The highest managed heap size and process working set seen until cancelled.</summary>
    private static async Task<(long Heap, long WorkingSet)> SamplePeaksAsync(
        CancellationToken cancellationToken)
    {
        long heap = 0;
        long workingSet = 0;
        while (true)
        {
            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
            workingSet = Math.Max(workingSet, WorkingSet());
            if (cancellationToken.IsCancellationRequested)
            {
                return (heap, workingSet);
            }

            try
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // One last sample, then the answer.
            }
        }
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public sealed record Measurement(
        long StoredRows,
        long StoredBytes,
        IReadOnlyList<TimeSpan> MergeTimes,
        long DownloadedRows,
        long DownloadedBytes,
        IReadOnlyList<TimeSpan> DownloadTimes,
        long AllocatedBytes,
        long HeapBeforeBytes,
        long PeakHeapBytes,
        long WorkingSetBeforeBytes,
        long PeakWorkingSetBytes);
}
