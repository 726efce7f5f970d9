namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>One TABLE(EXTEND_TIME_WINDOW(...)) of a query: the view that replaces it and how far it widens.</summary>
internal sealed record AmcExtendedTable(string ViewName, string TableName, TimeSpan Before, TimeSpan After);
