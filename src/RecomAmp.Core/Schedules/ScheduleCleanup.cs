using Microsoft.Extensions.Logging;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// Deletes schedules with their run history: one schedule, or all of a workflow's when the workflow is
/// deleted. Executions that runs started belong to the workflow and go with it, not with the schedule.
/// </summary>
public sealed class ScheduleCleanup(IDocumentStore store, ILogger<ScheduleCleanup> logger)
{
    private const int PageSize = 100;

    /// <summary>
    /// Deletes every schedule of the workflow and their runs; returns how many schedules went.
    /// </summary>
    public async Task<int> DeleteForWorkflowAsync(
        string userId, string workflowId, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.All.Where(QueryCondition.Equal("workflow_id", workflowId));
        var deleted = 0;
        while (true)
        {
            // Always the first page: what was deleted no longer matches, so the rest moves up.
            var page = await store.QueryAsync<Schedule>(
                StorageContainers.Schedules, query, new QueryRequest(userId, PageSize), cancellationToken);
            if (page.Items.Count == 0)
            {
                return deleted;
            }

            foreach (var item in page.Items)
            {
                if (await DeleteAsync(userId, item.Document.Id, cancellationToken))
                {
                    deleted++;
                }
            }
        }
    }

    /// <summary>Deletes a schedule and then its runs; false when the schedule was already gone.</summary>
    public async Task<bool> DeleteAsync(string userId, string scheduleId, CancellationToken cancellationToken)
    {
        // The schedule goes first, so that no tick starts a run after its history was cleared; a run that
        // a tick was recording at that moment is removed by the tick itself when it finds the schedule gone.
        var existed = true;
        try
        {
            await store.DeleteAsync(
                StorageContainers.Schedules, userId, scheduleId, ifMatch: null, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            existed = false;
        }

        var runs = DocumentQuery.All.Where(QueryCondition.Equal("schedule_id", scheduleId));
        while (true)
        {
            var page = await store.QueryAsync<ScheduleRun>(
                StorageContainers.ScheduleRuns, runs, new QueryRequest(userId, PageSize), cancellationToken);
            if (page.Items.Count == 0)
            {
                break;
            }

            foreach (var item in page.Items)
            {
                try
                {
                    await store.DeleteAsync(
                        StorageContainers.ScheduleRuns,
                        userId,
                        item.Document.Id,
                        ifMatch: null,
                        cancellationToken);
                }
                catch (DocumentNotFoundException)
                {
                    // Deleted by a concurrent cleanup.
                }
            }
        }

        if (existed)
        {
            SchedulesLog.ScheduleDeleted(logger, scheduleId, userId);
        }

        return existed;
    }
}
