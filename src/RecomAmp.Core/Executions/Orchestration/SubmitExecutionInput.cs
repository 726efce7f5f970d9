namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>The input of <see cref="SubmitExecutionActivity"/>.</summary>
public sealed record SubmitExecutionInput(string UserId, string ExecutionId, int TimeoutSeconds);
