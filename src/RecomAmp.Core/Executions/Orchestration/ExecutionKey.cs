namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>Names one execution record: its owner (the partition) and its id.</summary>
public sealed record ExecutionKey(string UserId, string ExecutionId);
