namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>An AMC table of the schema, with the name of its audience twin when it has one.</summary>
public sealed record AmcTable(string Name, string? AudienceTableName, IReadOnlyList<AmcField> Fields)
{
    public AmcField? FindField(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
