using System.Text.Json;

namespace RecomAmp.Core.Amc;

/// <summary>A parameter a saved workflow declares.</summary>
/// <param name="Name">The name the SQL reads with <c>CUSTOM_PARAMETER('name')</c>.</param>
/// <param name="DataType">
/// AMC's type name, e.g. <c>STRING</c>, <c>INTEGER</c>, <c>DATE</c>. A list is written
/// <c>ARRAY&lt;STRING&gt;</c> (any element type); the client sends it as AMC's
/// <c>{"type": "ARRAY", "elementDataType": "STRING"}</c>.
/// </param>
/// <param name="DefaultValue">The value used when an execution gives none, or null for none.</param>
public sealed record AmcInputParameter(string Name, string DataType, JsonElement? DefaultValue);
