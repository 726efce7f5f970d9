using System.Diagnostics;
using System.Globalization;

namespace RecomAmp.Benchmarks;

/// <summary>
/// Time from <c>POST /api/workflows/{id}/execute</c> until <c>GET /api/executions/{id}</c> reports SUCCEEDED,
/// for one query of the corpus on the Sandbox's AMC with its delays at zero. What remains is RecomAmp's own
/// path (orchestration steps, AMC calls, download, merge, record) plus the query itself and the poll
/// intervals the host was started with.
/// </summary>
internal static class ExecuteToSucceededBenchmark
{
    public static async Task<Measurement> RunAsync(BenchmarkHost host, string queryFile, int runs)
    {
        var instance = await host.SendAsync(HttpMethod.Post, "/api/instances/", new
        {
            instance_id = "amcbenchmark1",
            name = "Benchmark",
            amc_accounts = new { account_id = "ENTITY1BENCH" },
        });
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "amc-queries", queryFile));
        var today = DateTime.UtcNow.Date;
        var workflow = await host.SendAsync(HttpMethod.Post, "/api/workflows/", new
        {
            name = queryFile,
            sql_query = sql,
            instance_id = instance.GetProperty("id").GetString(),
            parameters = new
            {
                start_date = today.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                end_date = today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        });
        var workflowId = workflow.GetProperty("id").GetString();

        // The first run builds the Sandbox's data and warms every path; it is not counted.
        await RunOnceAsync(host, workflowId!);
        var times = new List<TimeSpan>();
        long rows = 0;
        for (var run = 0; run < runs; run++)
        {
            var (elapsed, resultRows) = await RunOnceAsync(host, workflowId!);
            times.Add(elapsed);
            rows = resultRows;
        }

        return new Measurement(times, rows);
    }

    private static async Task<(TimeSpan Elapsed, long Rows)> RunOnceAsync(BenchmarkHost host, string workflowId)
    {
        var watch = Stopwatch.StartNew();
        var execution = await host.SendAsync(HttpMethod.Post, $"/api/workflows/{workflowId}/execute", new { });
        var path = "/api/executions/" + execution.GetProperty("id").GetString();
        while (true)
        {
            var current = await host.SendAsync(HttpMethod.Get, path);
            var status = current.GetProperty("status").GetString();
            if (status == "SUCCEEDED")
            {
                return (watch.Elapsed, current.GetProperty("result_rows").GetInt64());
            }

            if (status is "FAILED" or "CANCELLED" or "REJECTED")
            {
                throw new InvalidOperationException($"The execution ended {status}: {current}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>The run times, and the rows of the last run.</summary>
    public sealed record Measurement(IReadOnlyList<TimeSpan> Times, long Rows)
    {
        public TimeSpan Median => Times.Order().ElementAt(Times.Count / 2);

        public TimeSpan Min => Times.Min();

        public TimeSpan Max => Times.Max();
    }
}
