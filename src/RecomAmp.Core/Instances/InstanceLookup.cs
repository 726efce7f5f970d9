using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Instances;

/// <summary>
/// Reads one of a user's instances by our id. Services that refer to instances (workflows, executions) use it
/// to check ownership; it never returns another user's instance or a document that is not an instance.
/// </summary>
public sealed class InstanceLookup(IDocumentStore store)
{
    /// <summary>The instance with its ETag, or null when the user has no instance with that id.</summary>
    public async Task<StoredDocument<AmcInstance>?> FindAsync(
        string userId, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);

        // Our ids are UUIDs; anything else cannot name an instance, and must not reach the reservation
        // documents that share the container.
        if (!Guid.TryParse(instanceId, out _))
        {
            return null;
        }

        var stored = await store.ReadAsync<AmcInstance>(
            StorageContainers.Instances, userId, instanceId, cancellationToken);
        return stored?.Document.Type == AmcInstance.DocumentType ? stored : null;
    }

    /// <summary>True when the user has an instance with that id.</summary>
    public async Task<bool> ExistsAsync(
        string userId, string instanceId, CancellationToken cancellationToken) =>
        await FindAsync(userId, instanceId, cancellationToken) is not null;
}
