using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecomAmp.Sandbox;

/// <summary>How the Sandbox writes JSON: snake_case like Login with Amazon, absent values left out.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
