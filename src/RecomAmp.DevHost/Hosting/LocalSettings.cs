using System.Globalization;
using System.Text.Json;

namespace RecomAmp.DevHost.Hosting;

/// <summary>
/// Reads <c>local.settings.json</c> the way <c>func start</c> uses it: its <c>Values</c> become settings
/// (with <c>__</c> as the section separator, as in environment variables) and <c>Host:LocalHttpPort</c> picks
/// the port.
/// </summary>
internal static class LocalSettings
{
    private static readonly JsonDocumentOptions _jsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The settings of the file, or none when there is no file.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return settings;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), _jsonOptions);
        var root = document.RootElement;
        if (TryGetProperty(root, "Values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in values.EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = Text(value.Value);
            }
        }

        if (TryGetProperty(root, "Host", out var host)
            && TryGetProperty(host, "LocalHttpPort", out var port)
            && port.TryGetInt32(out var portNumber))
        {
            settings["urls"] = string.Create(CultureInfo.InvariantCulture, $"http://localhost:{portNumber}");
        }

        return settings;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        // The Functions host reads this file case-insensitively.
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
