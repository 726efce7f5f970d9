namespace RecomAmp.Core.Executions.Results;

/// <summary>A result as stored: how many data rows, how many bytes of CSV, and its columns in order.</summary>
public sealed record StoredResult(long Rows, long SizeBytes, IReadOnlyList<string> Columns);
