using Microsoft.DurableTask;

namespace RecomAmp.DevHost;

/// <summary>
/// What a caller that starts DevHost in code (the end-to-end tests) can choose beyond configuration.
/// <c>dotnet run</c> uses the defaults.
/// </summary>
public sealed class DevHostOptions
{
    /// <summary>
    /// The types whose <c>[Function]</c> methods DevHost serves. Null means every type of the Functions
    /// assembly; tests pass test-only types to exercise one scenario.
    /// </summary>
    public IReadOnlyList<Type>? FunctionTypes { get; init; }

    /// <summary>Settings that win over every other configuration source.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Durable tasks registered beside the product's own (test-only orchestrations and activities).
    /// </summary>
    public Action<DurableTaskRegistry>? ConfigureTasks { get; init; }

    /// <summary>Where the start-up summary is written; null writes none.</summary>
    public TextWriter? Banner { get; init; } = Console.Out;
}
