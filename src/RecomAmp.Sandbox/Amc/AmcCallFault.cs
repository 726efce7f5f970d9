namespace RecomAmp.Sandbox.Amc;

/// <summary>One injected call fault: an error status to answer, or a delay before answering normally.</summary>
internal sealed record AmcCallFault(int? StatusCode, TimeSpan Delay);
