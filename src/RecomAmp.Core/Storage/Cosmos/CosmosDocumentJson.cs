using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// Documents on their way to and from Cosmos DB. They are written exactly as <see cref="DocumentJson"/>
/// serializes them for every adapter, and read back without the system properties Cosmos DB adds, so a
/// document looks the same whichever adapter stored it.
/// </summary>
internal static class CosmosDocumentJson
{
    public const string ETagProperty = "_etag";

    private static readonly HashSet<string> _systemProperties =
        new(["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"], StringComparer.Ordinal);

    /// <summary>
    /// The body to send. Cosmos DB requires an <c>id</c> property; a document that has none gets the id it
    /// is stored under (the embedded store keeps it outside the body).
    /// </summary>
    public static MemoryStream Body(SerializedDocument serialized, string id)
    {
        var json = serialized.Json;
        using (var parsed = JsonDocument.Parse(json))
        {
            if (!parsed.RootElement.TryGetProperty(DocumentJson.IdProperty, out _))
            {
                var withId = JsonNode.Parse(json)!.AsObject();
                withId.Insert(0, DocumentJson.IdProperty, id);
                json = withId.ToJsonString(RecomAmpJson.Options);
            }
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false);
    }

    /// <summary>Reads a point read's body.</summary>
    public static async Task<T> ReadAsync<T>(Stream content, CancellationToken cancellationToken)
    {
        using var parsed = await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken);
        return Deserialize<T>(parsed.RootElement);
    }

    /// <summary>Reads a query page's body: <c>{"Documents": [...], ...}</c>.</summary>
    public static async Task<List<StoredDocument<T>>> ReadPageAsync<T>(
        Stream content, CancellationToken cancellationToken)
    {
        using var parsed = await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken);
        var documents = parsed.RootElement.GetProperty("Documents");
        var page = new List<StoredDocument<T>>(documents.GetArrayLength());
        foreach (var stored in documents.EnumerateArray())
        {
            var etag = stored.TryGetProperty(ETagProperty, out var value) ? value.GetString() : null;
            page.Add(new StoredDocument<T>(
                Deserialize<T>(stored),
                etag ?? throw new InvalidOperationException("A queried document came without its _etag.")));
        }

        return page;
    }

    private static T Deserialize<T>(JsonElement stored)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in stored.EnumerateObject())
            {
                if (!_systemProperties.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, RecomAmpJson.Options)
            ?? throw new InvalidOperationException("A stored document's body is JSON null.");
    }
}
