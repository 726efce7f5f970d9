namespace RecomAmp.Core.Instances;

/// <summary>The values of <see cref="AmcInstance.HealthStatus"/>.</summary>
public static class InstanceHealthStatus
{
    /// <summary>No connection test has run since the instance was added.</summary>
    public const string Unknown = "UNKNOWN";

    /// <summary>The last connection test reached AMC.</summary>
    public const string Healthy = "HEALTHY";

    /// <summary>The last connection test failed.</summary>
    public const string Unhealthy = "UNHEALTHY";
}
