namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

public sealed record AmcExecution(
    string WorkflowExecutionId,
    string WorkflowId,
    string Status,
    string? StatusReason,
    string? Message,
    DateTimeOffset? CreateTime,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyList<string>? OutputColumns);
