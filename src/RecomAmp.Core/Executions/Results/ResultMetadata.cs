namespace RecomAmp.Core.Executions.Results;

/// <summary>The <c>metadata</c> of a JSON result: its size, AMC's run time and the SQL that ran.</summary>
public sealed record ResultMetadata(long TotalRows, long? ExecutionTime, string? Query);
