namespace RecomAmp.Core.Storage;

/// <summary>
/// A JSON document store shaped after Cosmos DB for NoSQL: documents live in named containers, each document has
/// an <c>id</c> that is unique within its partition, and every write returns a new ETag. The embedded (SQLite)
/// and Cosmos adapters both honour this contract, and one contract test suite runs against each.
/// </summary>
/// <remarks>
/// <para>
/// Documents are serialized with <see cref="RecomAmp.Core.Common.RecomAmpJson.Options"/> (snake_case) and
/// must be JSON objects. A document whose JSON has a numeric <c>ttl</c> property expires that many seconds
/// after its last write, as in Cosmos DB (-1, null or no <c>ttl</c>: never); an expired document is never
/// returned or counted.
/// </para>
/// <para>
/// Writes throw <see cref="ArgumentException"/> for what Cosmos DB would refuse: an id that is empty, longer
/// than 255 characters or holds '/', '\', '?' or '#'; a <c>ttl</c> that is not -1 or a positive whole number;
/// an <c>id</c> property in the body that differs from the id given; and, for the containers in
/// <see cref="StorageContainers"/>, a partition key property in the body that differs from the partition key
/// given.
/// Reads, replaces and deletes treat an id that cannot exist as a missing document. Queries throw
/// <see cref="ArgumentException"/> for a field path that is not snake_case names joined by dots, and for a
/// malformed continuation token.
/// </para>
/// </remarks>
public interface IDocumentStore
{
    /// <summary>Point read; null when the document does not exist (or has expired).</summary>
    Task<StoredDocument<T>?> ReadAsync<T>(
        string container, string partitionKey, string id, CancellationToken cancellationToken);

    /// <summary>Creates a document.</summary>
    /// <exception cref="DocumentConflictException">A document with that id already exists in the partition.</exception>
    Task<StoredDocument<T>> CreateAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an existing document, only if its current ETag is <paramref name="ifMatch"/> when given.
    /// </summary>
    /// <exception cref="DocumentNotFoundException">No such document.</exception>
    /// <exception cref="DocumentPreconditionFailedException">
    /// The document changed since <paramref name="ifMatch"/>.
    /// </exception>
    Task<StoredDocument<T>> ReplaceAsync<T>(
        string container, string partitionKey, string id, T document, string? ifMatch,
        CancellationToken cancellationToken);

    /// <summary>Creates the document or replaces it whatever its current ETag.</summary>
    Task<StoredDocument<T>> UpsertAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken);

    /// <summary>Deletes a document, only if its current ETag is <paramref name="ifMatch"/> when given.</summary>
    /// <exception cref="DocumentNotFoundException">No such document.</exception>
    /// <exception cref="DocumentPreconditionFailedException">
    /// The document changed since <paramref name="ifMatch"/>.
    /// </exception>
    Task DeleteAsync(
        string container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a query. With <see cref="QueryRequest.PartitionKey"/> set the query reads one partition; without it,
    /// it crosses partitions (use only where the product needs that, and index for it).
    /// </summary>
    Task<DocumentPage<T>> QueryAsync<T>(
        string container, DocumentQuery query, QueryRequest request, CancellationToken cancellationToken);

    /// <summary>Counts the documents that match a query (its ordering is ignored).</summary>
    Task<long> CountAsync(
        string container, DocumentQuery query, string? partitionKey, CancellationToken cancellationToken);
}
