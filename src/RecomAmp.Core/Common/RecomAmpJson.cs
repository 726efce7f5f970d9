using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecomAmp.Core.Common;

/// <summary>The one JSON configuration of the product: API bodies and stored documents alike are snake_case.</summary>
public static class RecomAmpJson
{
    /// <summary>
    /// snake_case names, enums as strings, unknown members ignored, nullable annotations and required
    /// constructor parameters respected so that a missing or null required field fails to bind.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the product's settings to options owned by a framework (ASP.NET Core, Durable Task).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampJsonConverter());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
