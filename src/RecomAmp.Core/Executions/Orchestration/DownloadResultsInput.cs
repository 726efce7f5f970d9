namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>The input of <see cref="DownloadResultsActivity"/>.</summary>
public sealed record DownloadResultsInput(
    AmcExecutionReference Execution, IReadOnlyList<string>? OutputColumns, int LinkAttempts);
