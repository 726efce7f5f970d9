namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>One column of an AMC table: its name, DuckDB type and aggregation threshold class.</summary>
public sealed record AmcField(string Name, string DuckDbType, bool IsMetric, AmcThresholdClass Threshold)
{
    /// <summary>VERY_HIGH and INTERNAL columns may never appear in a query's output.</summary>
    public bool IsForbiddenInOutput => Threshold is AmcThresholdClass.VeryHigh or AmcThresholdClass.Internal;
}
