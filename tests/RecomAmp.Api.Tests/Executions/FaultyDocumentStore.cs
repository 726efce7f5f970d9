using RecomAmp.Core.Executions;
using RecomAmp.Core.Storage;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// The real document store with one fault a test can arm: the next write that records an AMC execution id on
/// an execution fails, as a storage outage right after AMC accepted the execution would.
/// </summary>
public sealed class FaultyDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private int _failSubmissionWrites;

    /// <summary>How many submission writes failed so far.</summary>
    public int FailedSubmissionWrites { get; private set; }

    public void FailNextSubmissionWrite() => Interlocked.Exchange(ref _failSubmissionWrites, 1);

    public Task<StoredDocument<T>?> ReadAsync<T>(
        string container, string partitionKey, string id, CancellationToken cancellationToken) =>
        inner.ReadAsync<T>(container, partitionKey, id, cancellationToken);

    public Task<StoredDocument<T>> CreateAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken) =>
        inner.CreateAsync(container, partitionKey, id, document, cancellationToken);

    public Task<StoredDocument<T>> ReplaceAsync<T>(
        string container, string partitionKey, string id, T document, string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (document is Execution { AmcExecutionId: not null, Status: ExecutionStatus.Running }
            && Interlocked.Exchange(ref _failSubmissionWrites, 0) == 1)
        {
            FailedSubmissionWrites++;
            throw new IOException("The document store is unavailable (injected by a test).");
        }

        return inner.ReplaceAsync(container, partitionKey, id, document, ifMatch, cancellationToken);
    }

    public Task<StoredDocument<T>> UpsertAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken) =>
        inner.UpsertAsync(container, partitionKey, id, document, cancellationToken);

    public Task DeleteAsync(
        string container, string partitionKey, string id, string? ifMatch, CancellationToken cancellationToken) =>
        inner.DeleteAsync(container, partitionKey, id, ifMatch, cancellationToken);

    public Task<DocumentPage<T>> QueryAsync<T>(
        string container, DocumentQuery query, QueryRequest request, CancellationToken cancellationToken) =>
        inner.QueryAsync<T>(container, query, request, cancellationToken);

    public Task<long> CountAsync(
        string container, DocumentQuery query, string? partitionKey, CancellationToken cancellationToken) =>
        inner.CountAsync(container, query, partitionKey, cancellationToken);
}
