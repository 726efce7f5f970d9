using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// The AMC tables the Sandbox serves, read from the copy of <c>amc/schema.json</c> embedded in this assembly.
/// Audience twins (<c>*_for_audiences</c>) have the same columns as their table.
/// </summary>
public sealed class AmcSchema
{
    private const string ResourceName = "RecomAmp.Sandbox.Amc.schema.json";

    private readonly Dictionary<string, AmcTable> _tables;
    private readonly Dictionary<string, AmcTable> _audienceTwins;

    private AmcSchema(IReadOnlyList<AmcTable> tables)
    {
        Tables = tables;
        _tables = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _audienceTwins = tables.Where(t => t.AudienceTableName is not null)
            .ToDictionary(t => t.AudienceTableName!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The schema embedded in this assembly, read once.</summary>
    public static AmcSchema Embedded { get; } = Load();

    public IReadOnlyList<AmcTable> Tables { get; }

    /// <summary>A table by name; an audience twin resolves to the table it mirrors.</summary>
    public AmcTable? Find(string name) =>
        _tables.GetValueOrDefault(name) ?? _audienceTwins.GetValueOrDefault(name);

    public bool IsAudienceTable(string name) => _audienceTwins.ContainsKey(name);

    /// <summary>Every name a query may read: the tables and their audience twins.</summary>
    public IEnumerable<string> QueryableNames => _tables.Keys.Concat(_audienceTwins.Keys);

    private static AmcSchema Load()
    {
        using var stream = typeof(AmcSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);

        var tables = new List<AmcTable>();
        foreach (var table in document.RootElement.EnumerateArray())
        {
            var fields = table.GetProperty("fields").EnumerateArray()
                .Select(f => new AmcField(
                    f.GetProperty("name").GetString()!,
                    f.GetProperty("duckdb_type").GetString()!,
                    f.GetProperty("kind").GetString() == "METRIC",
                    ParseThreshold(f.GetProperty("threshold").GetString())))
                .ToList();
            var audience = table.TryGetProperty("audience_table", out var a) && a.ValueKind == JsonValueKind.String
                ? a.GetString()
                : null;
            tables.Add(new AmcTable(table.GetProperty("name").GetString()!, audience, fields));
        }

        return new AmcSchema(tables);
    }

    private static AmcThresholdClass ParseThreshold(string? value) => value switch
    {
        "NONE" => AmcThresholdClass.None,
        "LOW" => AmcThresholdClass.Low,
        "MEDIUM" => AmcThresholdClass.Medium,
        "HIGH" => AmcThresholdClass.High,
        "VERY_HIGH" => AmcThresholdClass.VeryHigh,
        "INTERNAL" => AmcThresholdClass.Internal,
        _ => throw new InvalidOperationException($"Unknown threshold class '{value}' in the AMC schema."),
    };
}
