namespace RecomAmp.Benchmarks;

/// <summary>A clock the benchmark moves by hand, so every round finds the same schedules due.</summary>
internal sealed class BenchmarkClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
