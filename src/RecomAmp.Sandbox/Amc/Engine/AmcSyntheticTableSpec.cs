namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// How one AMC table is filled: the staging ("core") table of its rows, which core timestamp feeds each
/// family of time columns, and expressions for the columns a generic rule would get wrong. Expressions see the
/// core row as <c>r</c>, its shopper as <c>u</c> and its campaign as <c>c</c>.
/// </summary>
internal sealed record AmcSyntheticTableSpec(
    string TableName,
    string CoreTable,
    IReadOnlyCollection<string> CoreColumns,
    IReadOnlyDictionary<string, string> TimePrefixes,
    IReadOnlyDictionary<string, string> Overrides,
    bool AttributedMetrics = false,
    bool HasCampaign = true,
    bool HasUser = true);
