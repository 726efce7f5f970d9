using System.Text.Json;

namespace RecomAmp.DevHost.Functions;

/// <summary>The parts of the Functions app's <c>host.json</c> that DevHost honours.</summary>
internal static class HostJson
{
    /// <summary>The Functions host's route prefix when host.json names none.</summary>
    public const string DefaultRoutePrefix = "api";

    private static readonly JsonDocumentOptions _jsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// <c>extensions.http.routePrefix</c> of the host.json in <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="DevHostStartupException">host.json is not valid JSON.</exception>
    public static string ReadRoutePrefix(string directory)
    {
        var path = Path.Combine(directory, "host.json");
        if (!File.Exists(path))
        {
            return DefaultRoutePrefix;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), _jsonOptions);
            return Property(document.RootElement, "extensions") is { } extensions
                && Property(extensions, "http") is { } http
                && Property(http, "routePrefix") is { ValueKind: JsonValueKind.String } prefix
                ? prefix.GetString()!.Trim('/')
                : DefaultRoutePrefix;
        }
        catch (JsonException ex)
        {
            throw new DevHostStartupException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        // The Functions host reads host.json without regard to case.
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
