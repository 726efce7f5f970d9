namespace RecomAmp.Sandbox.Amc;

/// <summary>One injected execution outcome.</summary>
internal sealed record AmcOutcomeFault(AmcExecutionStatus Status, string? Reason);
