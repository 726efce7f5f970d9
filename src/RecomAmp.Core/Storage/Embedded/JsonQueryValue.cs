using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Storage.Embedded;

/// <summary>
/// A query value as the JSON it would be in a document, and the SQLite value to bind for it. Values are
/// converted with <see cref="RecomAmpJson.Options"/>, so an enum, Guid or DateTimeOffset compares with its
/// stored form.
/// </summary>
internal sealed record JsonQueryValue(JsonQueryValueKind Kind, object? SqlValue)
{
    private static readonly JsonQueryValue _null = new(JsonQueryValueKind.Null, null);
    private static readonly JsonQueryValue _true = new(JsonQueryValueKind.Boolean, 1L);
    private static readonly JsonQueryValue _false = new(JsonQueryValueKind.Boolean, 0L);

    public static JsonQueryValue From(object? value, string parameterName)
    {
        switch (value)
        {
            case null:
                return _null;
            case string text:
                return new JsonQueryValue(JsonQueryValueKind.Text, text);
            case bool flag:
                return flag ? _true : _false;
            case int or long or short or byte or sbyte or ushort or uint:
                return new JsonQueryValue(JsonQueryValueKind.Number, Convert.ToInt64(value, null));
            default:
                break;
        }

        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(value, value.GetType(), RecomAmpJson.Options);
        }
        catch (Exception exception) when (exception is NotSupportedException or ArgumentException)
        {
            throw new ArgumentException(
                $"A {value.GetType().Name} cannot be used as a query value.", parameterName, exception);
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => _null,
            JsonValueKind.True => _true,
            JsonValueKind.False => _false,
            JsonValueKind.String => new JsonQueryValue(JsonQueryValueKind.Text, element.GetString()),
            JsonValueKind.Number => element.TryGetInt64(out var whole)
                ? new JsonQueryValue(JsonQueryValueKind.Number, whole)
                : new JsonQueryValue(JsonQueryValueKind.Number, element.GetDouble()),
            _ => throw new ArgumentException(
                $"A query value must be a string, number, bool or null, not JSON {element.ValueKind}.",
                parameterName),
        };
    }
}
