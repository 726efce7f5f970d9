namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// What a run produced: the output columns, the rows kept, the rows dropped by aggregation thresholds, the
/// threshold applied (null when controls were off or no table had users) and the CSV files written.
/// </summary>
public sealed record AmcQueryResult(
    IReadOnlyList<AmcOutputColumn> Columns,
    long RowCount,
    long FilteredRowCount,
    int? UserThreshold,
    IReadOnlyList<string> Files);
