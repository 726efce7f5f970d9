namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>The orchestration's custom status: what it is doing, for operators watching the backend.</summary>
public sealed record ExecutionCustomStatus(string Phase, string? AmcStatus, int StatusReads);
