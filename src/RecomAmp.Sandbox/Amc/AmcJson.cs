using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecomAmp.Sandbox.Amc;

/// <summary>How AMC writes JSON: camelCase, absent values left out.</summary>
internal static class AmcJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
