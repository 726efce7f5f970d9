namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>The orchestration's custom status: what it is doing, for operators looking at the backend.</summary>
public sealed record ExecutionCustomStatus(string Phase, string? AmcStatus, int StatusReads);
