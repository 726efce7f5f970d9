using System.Text.Json;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>A workflow input parameter: name, AMC data type (INTEGER, STRING, DATE, ARRAY...) and default.</summary>
public sealed record AmcInputParameter(string Name, string? DataType, JsonElement? DefaultValue);
