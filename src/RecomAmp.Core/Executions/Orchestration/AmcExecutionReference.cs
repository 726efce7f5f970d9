using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>An execution's AMC side: where it runs, its AMC execution and its saved AMC workflow.</summary>
public sealed record AmcExecutionReference(
    string UserId, string ExecutionId, AmcTarget Target, string AmcExecutionId, string AmcWorkflowId);
