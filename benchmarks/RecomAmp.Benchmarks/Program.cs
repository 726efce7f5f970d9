using System.Globalization;
using RecomAmp.Benchmarks;

// Run in Release. Without a benchmark name, measures executions end to end on the Sandbox's AMC and the CSV
// download of a large result:
//   dotnet run -c Release --project benchmarks/RecomAmp.Benchmarks [-- --runs 10 --rows 1000000]
// With schedule-tick, measures one schedule tick on the embedded store with that many active schedules:
//   dotnet run -c Release --project benchmarks/RecomAmp.Benchmarks -- schedule-tick [1000 10000 100000]
if (args.FirstOrDefault() == ScheduleTickBenchmark.Name)
{
    var counts = args.Skip(1).Select(count => int.Parse(count, CultureInfo.InvariantCulture)).ToList();
    await ScheduleTickBenchmark.RunAsync(counts.Count > 0 ? counts : [1_000, 10_000, 100_000]);
    return;
}

var runs = Argument(args, "--runs", 10);
var rows = Argument(args, "--rows", 1_000_000);
var settings = new Dictionary<string, string?>
{
    ["Executions:PollInitialInterval"] = "00:00:00.050",
    ["Executions:PollMaxInterval"] = "00:00:00.250",
    ["Executions:PollBackoffFactor"] = "1.5",
};

await using var host = await BenchmarkHost.StartAsync(settings);
await host.SignInAsync("benchmark@example.com");
var me = await host.SendAsync(HttpMethod.Get, "/api/auth/me");
var userId = me.GetProperty("id").GetString()!;

const string Query = "01_dsp_campaign_daily_performance.sql";
var execution = await ExecuteToSucceededBenchmark.RunAsync(host, Query, runs);
var instances = await host.SendAsync(HttpMethod.Get, "/api/instances/");
var instanceId = instances.GetProperty("data")[0].GetProperty("id").GetString()!;
var download = await CsvDownloadBenchmark.RunAsync(host, userId, instanceId, rows);

const double MiB = 1024 * 1024;
var poll = $"{settings["Executions:PollInitialInterval"]} to {settings["Executions:PollMaxInterval"]}";
var mergeTimes = string.Join(", ", download.MergeTimes.Select(t => $"{t.TotalSeconds:F2} s"));
var mergeRate = download.StoredRows / download.MergeTimes.Min().TotalSeconds;
var downloadTimes = string.Join(", ", download.DownloadTimes.Select(t => $"{t.TotalSeconds:F2} s"));
var downloadRate = download.DownloadedRows / download.DownloadTimes.Min().TotalSeconds;
Print($"Execute to SUCCEEDED, {Query}, {execution.Rows} rows, {runs} runs (poll {poll}):");
Print($"  min {execution.Min.TotalMilliseconds:F0} ms, median {execution.Median.TotalMilliseconds:F0} ms, "
    + $"max {execution.Max.TotalMilliseconds:F0} ms");
Print($"Result store merge of 2 files: {download.StoredRows:N0} rows, {download.StoredBytes / MiB:F1} MiB "
    + $"in {mergeTimes} (best {mergeRate:N0} rows/s)");
Print($"CSV download: {download.DownloadedRows:N0} rows, {download.DownloadedBytes / MiB:F1} MiB "
    + $"in {downloadTimes} (best {downloadRate:N0} rows/s)");
Print($"  allocated per download {download.AllocatedBytes / MiB:F1} MiB; managed heap "
    + $"{download.HeapBeforeBytes / MiB:F1} MiB before, peak {download.PeakHeapBytes / MiB:F1} MiB; "
    + $"process working set {download.WorkingSetBeforeBytes / MiB:F0} MiB before, "
    + $"peak {download.PeakWorkingSetBytes / MiB:F0} MiB");

static void Print(string line) => Console.WriteLine(line);

static int Argument(string[] args, string name, int defaultValue)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length
        ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
        : defaultValue;
}
