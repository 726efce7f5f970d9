using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Tests.Workflows;

/// <summary>
/// Passes every call to the real store, but lets a test act just before a create, replace or delete reaches
/// it, to play a concurrent request landing in the gap between a service's read and its write.
/// </summary>
internal sealed class InterferingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    /// <summary>
    /// The real store; interference writes go here so they do not interfere with themselves.
    /// </summary>
    public IDocumentStore Inner => inner;

    /// <summary>Runs before a create with the container and id; null does nothing.</summary>
    public Func<string, string, Task>? BeforeCreate { get; set; }

    /// <summary>Runs before a replace with the container and id; null does nothing.</summary>
    public Func<string, string, Task>? BeforeReplace { get; set; }

    /// <summary>Runs before a delete with the container and id; null does nothing.</summary>
    public Func<string, string, Task>? BeforeDelete { get; set; }

    public Task<StoredDocument<T>?> ReadAsync<T>(
        string container, string partitionKey, string id, CancellationToken cancellationToken) =>
        inner.ReadAsync<T>(container, partitionKey, id, cancellationToken);

    public async Task<StoredDocument<T>> CreateAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken)
    {
        if (BeforeCreate is { } before)
        {
            await before(container, id);
        }

        return await inner.CreateAsync(container, partitionKey, id, document, cancellationToken);
    }

    public async Task<StoredDocument<T>> ReplaceAsync<T>(
        string container, string partitionKey, string id, T document, string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (BeforeReplace is { } before)
        {
            await before(container, id);
        }

        return await inner.ReplaceAsync(container, partitionKey, id, document, ifMatch, cancellationToken);
    }

    public Task<StoredDocument<T>> UpsertAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken) =>
        inner.UpsertAsync(container, partitionKey, id, document, cancellationToken);

    public async Task DeleteAsync(
        string container,
        string partitionKey,
        string id,
        string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (BeforeDelete is { } before)
        {
            await before(container, id);
        }

        await inner.DeleteAsync(container, partitionKey, id, ifMatch, cancellationToken);
    }

    public Task<DocumentPage<T>> QueryAsync<T>(
        string container, DocumentQuery query, QueryRequest request, CancellationToken cancellationToken) =>
        inner.QueryAsync<T>(container, query, request, cancellationToken);

    public Task<long> CountAsync(
        string container, DocumentQuery query, string? partitionKey, CancellationToken cancellationToken) =>
        inner.CountAsync(container, query, partitionKey, cancellationToken);
}
