using Microsoft.DurableTask;
using RecomAmp.Core.Workflows.Rendering;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// The first step of an execution: reads its record and renders its SQL with its parameters (once; a resumed
/// execution keeps what it rendered). Reports whether there is anything left to do.
/// </summary>
public sealed class PrepareExecutionActivity(ExecutionRecords records, TimeProvider timeProvider)
    : TaskActivity<ExecutionKey, ExecutionProgress>
{
    public override async Task<ExecutionProgress> RunAsync(TaskActivityContext context, ExecutionKey input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var change = await records.UpdateAsync(input.UserId, input.ExecutionId, current =>
        {
            if (!ExecutionStatus.IsActive(current.Status) || current.RenderedSql is not null)
            {
                return null;
            }

            var rendered = SqlParameterRenderer.Render(current.SqlQuery, current.Parameters);
            return current with { RenderedSql = rendered.Sql, UpdatedAt = timeProvider.GetUtcNow() };
        }, CancellationToken.None);

        return change is null
            ? ExecutionProgress.Stop(ExecutionProgress.Deleted)
            : ExecutionProgress.Of(change.After);
    }
}
