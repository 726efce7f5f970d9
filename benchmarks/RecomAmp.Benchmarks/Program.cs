using RecomAmp.Benchmarks;

// dotnet run -c Release --project benchmarks/RecomAmp.Benchmarks -- schedule-tick [counts...]
var benchmark = args.FirstOrDefault() ?? ScheduleTickBenchmark.Name;
if (benchmark != ScheduleTickBenchmark.Name)
{
    Console.Error.WriteLine($"Unknown benchmark '{benchmark}'; known: {ScheduleTickBenchmark.Name}");
    return 2;
}

var counts = args.Skip(1).Select(int.Parse).ToList();
await ScheduleTickBenchmark.RunAsync(counts.Count > 0 ? counts : [1_000, 10_000, 100_000]);
return 0;
