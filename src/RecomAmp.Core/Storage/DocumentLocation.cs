namespace RecomAmp.Core.Storage;

/// <summary>
/// Checks the container, partition key and id an adapter is given. The id rules are those of Cosmos DB, so a
/// document the embedded store accepts can also be stored in Cosmos.
/// </summary>
internal static class DocumentLocation
{
    public const int MaxIdLength = 255;

    private static readonly char[] _forbiddenIdCharacters = ['/', '\\', '?', '#'];

    public static void Validate(string container, string partitionKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
    }

    /// <summary>Throws when <paramref name="id"/> cannot name a document; used before a write.</summary>
    public static void ValidateNewId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsPossibleId(id))
        {
            throw new ArgumentException(
                $"A document id must be 1 to {MaxIdLength} characters without '/', '\\', '?' or '#'.",
                nameof(id));
        }
    }

    /// <summary>
    /// False when no document can have this id. Reads, replaces and deletes treat such an id as a document
    /// that does not exist, so an odd id taken from a URL becomes a 404 rather than a server error.
    /// </summary>
    public static bool IsPossibleId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.IndexOfAny(_forbiddenIdCharacters) < 0;
}
