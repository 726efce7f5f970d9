using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecomAmp.Core.Common;

/// <summary>
/// Writes every <see cref="DateTimeOffset"/> in UTC with a <c>Z</c> and a fixed number of fraction digits, so the
/// API answers as its contract shows and stored timestamps compare correctly as strings. Reads any ISO 8601 form.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value)
            ? value
            : throw new JsonException("Expected an ISO 8601 timestamp");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }

    /// <summary>The stored and returned text of a timestamp, for query conditions that compare timestamps.</summary>
    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
