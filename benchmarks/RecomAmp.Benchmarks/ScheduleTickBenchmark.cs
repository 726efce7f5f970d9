using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Embedded;

namespace RecomAmp.Benchmarks;

/// <summary>
/// The cost of one schedule tick on the embedded store with N active schedules of which 100 are due: the
/// due query, 100 claims, run records and releases, and the outcomes of the previous tick's 100 runs. Also
/// the due query alone, with its index and with the index dropped (a read of every schedule).
/// </summary>
internal static class ScheduleTickBenchmark
{
    public const string Name = "schedule-tick";

    private const int Due = 100;
    private const int Users = 1_000;
    private const int Rounds = 9;
    private const int QueryRepeats = 20;

    private static readonly DateTimeOffset _start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(IReadOnlyList<int> counts)
    {
        Console.WriteLine($"One tick on the embedded store, {Due} due; median of {Rounds} ticks (min-max).");
        Console.WriteLine();
        Console.WriteLine("| active schedules | tick: fire 100 + record 100 outcomes | idle tick | due query "
            + "(index) | due query (no index) | seeding |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");

        // A first pass that is not reported, so that compiling the code is not counted in the first size.
        await RunOneAsync(2_000, report: false);
        foreach (var count in counts)
        {
            await RunOneAsync(count, report: true);
        }
    }

    private static async Task RunOneAsync(int count, bool report)
    {
        var folder = Path.Combine(Path.GetTempPath(), "recomamp-bench-" + Guid.NewGuid().ToString("N"));
        var clock = new BenchmarkClock(_start);
        var dataFolder = new DataFolder(Options.Create(new StorageOptions { DataPath = folder }));
        try
        {
            using var store = new SqliteDocumentStore(
                dataFolder, clock, NullLogger<SqliteDocumentStore>.Instance);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(store, count);
            seeding.Stop();

            var ticker = new ScheduleTicker(
                store, new ScheduleRecords(store), clock, NullLogger<ScheduleTicker>.Instance);
            var executions = new InstantExecutions();

            // The 100 due schedules run every minute; the others next run tomorrow.
            var ticks = new List<TimeSpan>();
            for (var round = 0; round <= Rounds; round++)
            {
                clock.Now = clock.Now.AddMinutes(1);
                var watch = Stopwatch.StartNew();
                var result = await ticker.TickAsync(executions, default);
                watch.Stop();
                Check(result.Fired == Due, $"fired {result.Fired}, expected {Due}");
                Check(round == 0 || result.OutcomesRecorded == Due, $"recorded {result.OutcomesRecorded}");
                if (round > 0)
                {
                    ticks.Add(watch.Elapsed);
                }
            }

            // Once the last runs' outcomes are recorded, a tick in the same minute has nothing to do.
            await ticker.TickAsync(executions, default);
            var idle = Stopwatch.StartNew();
            var idleResult = await ticker.TickAsync(executions, default);
            idle.Stop();
            Check(idleResult.Due == 0 && idleResult.OutcomesRecorded == 0, "the idle tick found work");

            clock.Now = clock.Now.AddMinutes(1);
            var indexed = await TimeDueQueryAsync(store, clock.Now);
            await DropDueIndexAsync(store.DatabasePath);
            var scanned = await TimeDueQueryAsync(store, clock.Now);

            if (!report)
            {
                return;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {count:N0} | {Median(ticks)} ms ({Ms(ticks.Min())}-{Ms(ticks.Max())}) "
                + $"| {Ms(idle.Elapsed)} ms | {Ms(indexed)} ms | {Ms(scanned)} ms "
                + $"| {seeding.Elapsed.TotalSeconds:F1} s |"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SeedAsync(SqliteDocumentStore store, int count)
    {
        var parameters = new Dictionary<string, JsonElement>
        {
            ["date_range"] = JsonSerializer.SerializeToElement("yesterday"),
        };
        var tomorrow = _start.AddDays(1).AddHours(1);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (index, token) =>
            {
                var isDue = index < Due;
                var userId = "user-" + (index % Users).ToString(CultureInfo.InvariantCulture);
                var schedule = new Schedule(
                    Id: Guid.NewGuid().ToString(),
                    UserId: userId,
                    WorkflowId: Guid.NewGuid().ToString(),
                    Name: "Benchmark schedule",
                    CronExpression: isDue ? "* * * * *" : "0 9 * * *",
                    Timezone: "UTC",
                    Parameters: parameters,
                    DataLagDays: 0,
                    IsActive: true,
                    NextRunAt: isDue ? _start : tomorrow.AddSeconds(index % 3600),
                    LastRunAt: null,
                    TotalRuns: 0,
                    SuccessfulRuns: 0,
                    FailedRuns: 0,
                    OpenRunIds: [],
                    PendingClaim: null,
                    CreatedAt: _start,
                    UpdatedAt: _start);
                await store.CreateAsync(StorageContainers.Schedules, userId, schedule.Id, schedule, token);
            });
    }

    private static async Task<TimeSpan> TimeDueQueryAsync(SqliteDocumentStore store, DateTimeOffset now)
    {
        var query = ScheduleTicker.DueQuery(now);
        var request = new QueryRequest(null, ScheduleTicker.PageSize);
        var times = new List<TimeSpan>();
        for (var repeat = 0; repeat < QueryRepeats; repeat++)
        {
            var watch = Stopwatch.StartNew();
            var page = await store.QueryAsync<Schedule>(StorageContainers.Schedules, query, request, default);
            watch.Stop();
            Check(page.Items.Count == Due, $"the due query found {page.Items.Count}");
            times.Add(watch.Elapsed);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task DropDueIndexAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP INDEX ixf_schedules__next_run_at;";
        await command.ExecuteNonQueryAsync();
    }

    private static string Median(List<TimeSpan> times) => Ms(times.Order().ElementAt(times.Count / 2));

    private static string Ms(TimeSpan time) =>
        time.TotalMilliseconds.ToString(
            time.TotalMilliseconds < 10 ? "F2" : "F0", CultureInfo.InvariantCulture);

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The benchmark went wrong: {problem}.");
        }
    }
}
