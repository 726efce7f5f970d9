namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>An output column of a query and its DuckDB type.</summary>
public sealed record AmcOutputColumn(string Name, string DuckDbType);
