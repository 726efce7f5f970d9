namespace RecomAmp.Core.Executions.Results;

/// <summary>A stored result's columns, which of them hold numbers, and how many rows were looked at.</summary>
public sealed record ResultShape(IReadOnlyList<string> Columns, IReadOnlyList<bool> Numeric, long Rows);
