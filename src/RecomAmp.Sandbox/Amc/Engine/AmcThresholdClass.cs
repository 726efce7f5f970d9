namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>AMC's aggregation threshold class of a column, from the least to the most protected.</summary>
public enum AmcThresholdClass
{
    None,
    Low,
    Medium,
    High,
    VeryHigh,
    Internal,
}
