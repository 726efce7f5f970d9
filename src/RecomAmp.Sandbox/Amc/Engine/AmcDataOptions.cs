namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// Size and seed of the synthetic AMC data (section <c>Sandbox:Amc:Data</c>). The same seed, size and day give
/// the same rows; the data covers the 13 months before the day the engine starts.
/// </summary>
public sealed class AmcDataOptions
{
    /// <summary>Seed of every generated value.</summary>
    public int Seed { get; set; } = 20240601;

    /// <summary>Rows of each main event table (DSP impressions, sponsored ads traffic); others scale from it.</summary>
    public int EventsPerTable { get; set; } = 120_000;

    /// <summary>Distinct shoppers in the pool that every table draws from.</summary>
    public int UserCount { get; set; } = 30_000;
}
