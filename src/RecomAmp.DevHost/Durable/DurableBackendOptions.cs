namespace RecomAmp.DevHost.Durable;

/// <summary>The in-process durable backend's settings (section <c>DevHost:Durable</c>).</summary>
public sealed class DurableBackendOptions
{
    public const string SectionName = "DevHost:Durable";

    /// <summary>
    /// How many orchestration steps, and separately how many activities, the backend hands out at once. The
    /// package's own cap is the processor count, and a full backend looks again only every 500 ms, which
    /// serializes orchestrations on a small machine.
    /// </summary>
    public int MaxConcurrentWorkItems { get; set; } = 100;

    /// <summary>The localhost port of the backend's internal gRPC endpoint; a free one when unset.</summary>
    public int? SidecarPort { get; set; }
}
