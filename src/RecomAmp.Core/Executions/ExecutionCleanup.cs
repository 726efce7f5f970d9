using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Executions.Orchestration;
using RecomAmp.Core.Executions.Results;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Executions;

/// <summary>
/// Deletes executions with what belongs to them: an active one is cancelled at AMC first, and a stored result
/// is deleted with its record. A workflow's delete sweeps its executions through here.
/// </summary>
/// <remarks>
/// An orchestration still running for a deleted execution finds its record gone at its next step and stops;
/// if it had just submitted to AMC, it cancels what it submitted.
/// </remarks>
public sealed class ExecutionCleanup(
    ExecutionRecords records,
    IResultStore results,
    IServiceScopeFactory scopes,
    ILogger<ExecutionCleanup> logger)
{
    private const int PageSize = 100;

    /// <summary>Deletes every execution of one of the user's workflows; returns how many it deleted.</summary>
    public async Task<int> DeleteForWorkflowAsync(
        string userId, string workflowId, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.All.Where(QueryCondition.Equal("workflow_id", workflowId));
        var deleted = 0;
        while (true)
        {
            // Always the first page: what was deleted no longer matches, so the rest moves up.
            var page = await records.QueryAsync(userId, query, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                return deleted;
            }

            foreach (var execution in page)
            {
                await DeleteAsync(execution, cancellationToken);
                deleted++;
            }
        }
    }

    /// <summary>
    /// Deletes one execution and its stored result, cancelling it at AMC first if it is still active there.
    /// A failed cancellation is logged and does not stop the delete.
    /// </summary>
    public async Task DeleteAsync(Execution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (ExecutionStatus.IsActive(execution.Status) && execution.AmcExecutionId is { } amcExecutionId)
        {
            await TryCancelAtAmcAsync(execution, amcExecutionId, cancellationToken);
        }

        await results.DeleteAsync(execution.UserId, execution.Id, cancellationToken);
        await records.DeleteAsync(execution.UserId, execution.Id, cancellationToken);
        ExecutionsLog.Deleted(logger, execution.Id);
    }

    /// <summary>
    /// Cancels an execution at AMC; false when that failed (AMC unreachable), which is logged. AMC refusing
    /// because the execution has finished counts as done.
    /// </summary>
    public async Task<bool> TryCancelAtAmcAsync(
        Execution execution, string amcExecutionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);

        // The AMC client is a typed HTTP client, created per use so that its handler is renewed.
        await using var scope = scopes.CreateAsyncScope();
        var amc = scope.ServiceProvider.GetRequiredService<AmcReportingClient>();
        try
        {
            await AmcCancellation.CancelAsync(amc, execution.AmcTarget(), amcExecutionId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ExecutionsLog.AmcCancelFailed(logger, ex, execution.Id, amcExecutionId);
            return false;
        }
    }
}
