using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// Reads and changes schedule and run records with optimistic concurrency. The API, the ticker and the
/// cascade of a workflow's delete all change schedules through here, so no write loses another's change.
/// </summary>
public sealed class ScheduleRecords(IDocumentStore store)
{
    private const string Schedules = StorageContainers.Schedules;
    private const string Runs = StorageContainers.ScheduleRuns;
    private const int MaxWriteAttempts = 8;

    /// <summary>The schedule with its ETag, or null when the user has none with that id.</summary>
    public async Task<StoredDocument<Schedule>?> FindAsync(
        string userId, string scheduleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Guid.TryParse(scheduleId, out _)
            ? await store.ReadAsync<Schedule>(Schedules, userId, scheduleId, cancellationToken)
            : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current schedule and writes the result if nobody wrote in
    /// between, reading again and reapplying otherwise.
    /// </summary>
    /// <param name="userId">The owner.</param>
    /// <param name="scheduleId">The schedule.</param>
    /// <param name="change">
    /// Gets the current schedule and returns the new one, or null to leave it as it is. It may run several
    /// times, so it must not act on anything outside the record.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The schedule as stored afterwards, or null when it does not exist.</returns>
    /// <exception cref="DocumentPreconditionFailedException">
    /// The schedule kept changing concurrently.
    /// </exception>
    public async Task<Schedule?> UpdateAsync(
        string userId,
        string scheduleId,
        Func<Schedule, Schedule?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(userId, scheduleId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current.Document);
            if (changed is null)
            {
                return current.Document;
            }

            try
            {
                var stored = await store.ReplaceAsync(
                    Schedules, userId, scheduleId, changed, current.ETag, cancellationToken);
                return stored.Document;
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxWriteAttempts)
            {
                // Another writer came first; apply the change to its version.
            }
            catch (DocumentNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>The run, or null when the user has none with that id.</summary>
    public async Task<ScheduleRun?> FindRunAsync(
        string userId, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!Guid.TryParse(runId, out _))
        {
            return null;
        }

        var stored = await store.ReadAsync<ScheduleRun>(Runs, userId, runId, cancellationToken);
        return stored?.Document;
    }

    /// <summary>Stores a new run; false when a run with its id is already stored.</summary>
    public async Task<bool> TryCreateRunAsync(ScheduleRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await store.CreateAsync(Runs, run.UserId, run.Id, run, cancellationToken);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }

    /// <summary>Applies a change to a run as <see cref="UpdateAsync"/> does to a schedule.</summary>
    /// <returns>The run as stored afterwards, or null when it does not exist.</returns>
    /// <exception cref="DocumentPreconditionFailedException">The run kept changing concurrently.</exception>
    public async Task<ScheduleRun?> UpdateRunAsync(
        string userId,
        string runId,
        Func<ScheduleRun, ScheduleRun?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync<ScheduleRun>(Runs, userId, runId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current.Document);
            if (changed is null)
            {
                return current.Document;
            }

            try
            {
                var stored = await store.ReplaceAsync(
                    Runs, userId, runId, changed, current.ETag, cancellationToken);
                return stored.Document;
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxWriteAttempts)
            {
                // Another writer came first; apply the change to its version.
            }
            catch (DocumentNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Deletes a run; false when it was already gone.</summary>
    public async Task<bool> DeleteRunAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(Runs, userId, runId, ifMatch: null, cancellationToken);
            return true;
        }
        catch (DocumentNotFoundException)
        {
            return false;
        }
    }
}
