namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>The input of <see cref="ExecutionOrchestrator"/>: which execution, and how to run it.</summary>
public sealed record ExecutionOrchestrationInput(
    string UserId, string ExecutionId, ExecutionRunSettings Settings);
