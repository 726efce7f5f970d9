using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>One small engine shared by a test class: data ends on 2025-06-15 12:00 UTC.</summary>
public sealed class AmcEngineFixture : IDisposable
{
    public static readonly DateTimeOffset Today = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public AmcEngineFixture()
    {
        Engine = new AmcEngine(SmallData(), new FakeTimeProvider(Today), NullLogger<AmcEngine>.Instance, OutputRoot);
        Engine.EnsureBuilt();
    }

    public AmcEngine Engine { get; }

    public string OutputRoot { get; } =
        Path.Combine(Path.GetTempPath(), "recomamp-amc-tests", Guid.NewGuid().ToString());

    public static AmcDataOptions SmallData() => new() { EventsPerTable = 40_000, UserCount = 8_000 };

    /// <summary>Runs a query and reads its CSV back (header first).</summary>
    public AmcCsv Run(AmcQueryRequest request)
    {
        var directory = Path.Combine(OutputRoot, Guid.NewGuid().ToString());
        var result = Engine.Execute(request, directory, 1_000_000, CancellationToken.None);
        return AmcCsv.Read(result);
    }

    public void Dispose()
    {
        Engine.Dispose();
        if (Directory.Exists(OutputRoot))
        {
            Directory.Delete(OutputRoot, recursive: true);
        }
    }
}
