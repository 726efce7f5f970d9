namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>A query rewritten for DuckDB, the widened tables it needs and the way back to the original text.</summary>
internal sealed record AmcTranslatedQuery(
    string Sql, IReadOnlyList<AmcExtendedTable> ExtendedTables, AmcSqlEditor Editor);
