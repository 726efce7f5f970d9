using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Storage;

/// <summary>
/// Turns a document into the JSON that is stored, and reads from it what the store itself needs: the time to
/// live. It also refuses JSON that Cosmos DB would refuse (an <c>id</c> or partition key property that
/// disagrees with the location given, a <c>ttl</c> that is not -1 or a positive whole number), so both
/// adapters accept the same writes.
/// </summary>
internal static class DocumentJson
{
    public const string TtlProperty = "ttl";
    public const string IdProperty = "id";

    public static SerializedDocument Serialize<T>(
        string container, string partitionKey, string id, T document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = JsonSerializer.Serialize(document, RecomAmpJson.Options);

        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A document must serialize to a JSON object.", nameof(document));
        }

        CheckProperty(root, [IdProperty], id, "id");
        if (StorageContainers.PartitionKeyPaths.TryGetValue(container, out var partitionKeyPath))
        {
            var path = partitionKeyPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            CheckProperty(root, path, partitionKey, "partition key");
        }

        return new SerializedDocument(json, ReadTtlSeconds(root));
    }

    private static void CheckProperty(JsonElement root, string[] path, string expected, string what)
    {
        var element = root;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return;
            }
        }

        var matches = element.ValueKind == JsonValueKind.String
            && string.Equals(element.GetString(), expected, StringComparison.Ordinal);
        if (!matches)
        {
            throw new ArgumentException(
                $"The document's '{string.Join('.', path)}' property does not match the {what} it is stored "
                + "under.");
        }
    }

    private static int? ReadTtlSeconds(JsonElement root)
    {
        if (!root.TryGetProperty(TtlProperty, out var ttl) || ttl.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (ttl.ValueKind == JsonValueKind.Number && ttl.TryGetInt32(out var seconds) && seconds is > 0 or -1)
        {
            return seconds == -1 ? null : seconds;
        }

        throw new ArgumentException(
            "A document's ttl must be a positive whole number of seconds, or -1 for never.");
    }
}
