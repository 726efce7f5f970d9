using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Executions;

/// <summary>
/// Reads and changes execution records with optimistic concurrency. Every writer of an execution (the API,
/// the orchestration's activities, the cascade of a workflow's delete) goes through here.
/// </summary>
public sealed class ExecutionRecords(IDocumentStore store)
{
    private const string Container = StorageContainers.Executions;
    private const int MaxWriteAttempts = 8;

    /// <summary>The execution with its ETag, or null when the user has none with that id.</summary>
    public async Task<StoredDocument<Execution>?> FindAsync(
        string userId, string executionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Guid.TryParse(executionId, out _)
            ? await store.ReadAsync<Execution>(Container, userId, executionId, cancellationToken)
            : null;
    }

    /// <summary>Stores a new execution.</summary>
    public Task<StoredDocument<Execution>> CreateAsync(Execution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return store.CreateAsync(Container, execution.UserId, execution.Id, execution, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current record and writes the result if it read the latest
    /// version, reading again and reapplying when another write came first.
    /// </summary>
    /// <param name="userId">The owner.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="change">
    /// Gets the current record and returns the new one, or null to leave it as it is. It may run several
    /// times, so it must not act on anything outside the record.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>
    /// The record the change was applied to and the record now stored (the same one when the change wrote
    /// nothing), or null when the execution does not exist.
    /// </returns>
    /// <exception cref="DocumentPreconditionFailedException">The record kept changing concurrently.</exception>
    public async Task<ExecutionChange?> UpdateAsync(
        string userId,
        string executionId,
        Func<Execution, Execution?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(userId, executionId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current.Document);
            if (changed is null)
            {
                return new ExecutionChange(current.Document, current.Document);
            }

            try
            {
                var stored = await store.ReplaceAsync(
                    Container, userId, executionId, changed, current.ETag, cancellationToken);
                return new ExecutionChange(current.Document, stored.Document);
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxWriteAttempts)
            {
                // Another writer came first; read its version and apply the change to that.
            }
            catch (DocumentNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Deletes the record; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string userId, string executionId, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(Container, userId, executionId, ifMatch: null, cancellationToken);
            return true;
        }
        catch (DocumentNotFoundException)
        {
            return false;
        }
    }

    /// <summary>One page of the user's executions that match <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<Execution>> QueryAsync(
        string userId, DocumentQuery query, int maxItems, CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync<Execution>(
            Container, query, new QueryRequest(userId, maxItems), cancellationToken);
        return [.. page.Items.Select(item => item.Document)];
    }

    /// <summary>
    /// Active executions of every user, one page at a time. The only cross-partition read of executions:
    /// restart recovery must find them whoever owns them.
    /// </summary>
    public Task<DocumentPage<Execution>> QueryActiveAcrossUsersAsync(
        string? continuationToken, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.All.Where(QueryCondition.In("status", [.. ExecutionStatus.Active]));
        return store.QueryAsync<Execution>(
            Container, query, new QueryRequest(null, 100, continuationToken), cancellationToken);
    }
}
