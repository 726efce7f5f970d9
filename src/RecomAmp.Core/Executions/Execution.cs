using System.Text.Json;
using RecomAmp.Core.Amc;

namespace RecomAmp.Core.Executions;

/// <summary>
/// One run of a workflow on AMC, as stored in <see cref="Storage.StorageContainers.Executions"/>
/// (partitioned by <see cref="UserId"/>). Its id is also the id of the orchestration that runs it.
/// </summary>
/// <param name="Id">Our id of the execution (a UUID), also the orchestration instance id.</param>
/// <param name="UserId">The owner.</param>
/// <param name="WorkflowId">Our id of the workflow that ran.</param>
/// <param name="InstanceId">Our id of the instance it ran on.</param>
/// <param name="Status">One of <see cref="ExecutionStatus.All"/>.</param>
/// <param name="Parameters">The values of the run: the request's over the workflow's defaults.</param>
/// <param name="TimeWindowStart">AMC's time window start, <c>yyyy-MM-ddTHH:mm:ss</c> without an offset.</param>
/// <param name="TimeWindowEnd">AMC's time window end (exclusive), in the same form.</param>
/// <param name="TimeWindowTimezone">The IANA time zone the window is in (the user's).</param>
/// <param name="SqlQuery">The workflow's SQL template as it was when the run was asked for.</param>
/// <param name="RenderedSql">The SQL sent to AMC, once rendered.</param>
/// <param name="AmcInstanceId">AMC's id of the instance, as resolved when the run was asked for.</param>
/// <param name="AmcAdvertiserId">The AMC account (advertiser) id the calls are made for.</param>
/// <param name="AmcMarketplaceId">The marketplace id the calls are made for.</param>
/// <param name="AmcRegion">The instance's region.</param>
/// <param name="AmcWorkflowId">The id of the saved AMC workflow made for this run.</param>
/// <param name="AmcExecutionId">AMC's id of the execution, once submitted.</param>
/// <param name="AmcStatus">The last status AMC reported, which may be finer than <see cref="Status"/>.</param>
/// <param name="OutputColumns">AMC's output columns, in AMC's order, once known.</param>
/// <param name="ResultRows">Rows of the stored result, once SUCCEEDED.</param>
/// <param name="ResultSizeBytes">Bytes of the stored result CSV, once SUCCEEDED.</param>
/// <param name="ExecutionDuration">Seconds AMC spent on the run (or from submission to the end).</param>
/// <param name="CreatedAt">When the run was asked for (UTC).</param>
/// <param name="StartedAt">When AMC accepted it (UTC).</param>
/// <param name="CompletedAt">When it reached a terminal status (UTC).</param>
/// <param name="ErrorMessage">Why it did not succeed: AMC's reason, or ours.</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
public sealed record Execution(
    string Id,
    string UserId,
    string WorkflowId,
    string InstanceId,
    string Status,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    string TimeWindowStart,
    string TimeWindowEnd,
    string TimeWindowTimezone,
    string SqlQuery,
    string? RenderedSql,
    string AmcInstanceId,
    string AmcAdvertiserId,
    string AmcMarketplaceId,
    string AmcRegion,
    string? AmcWorkflowId,
    string? AmcExecutionId,
    string? AmcStatus,
    IReadOnlyList<string>? OutputColumns,
    long? ResultRows,
    long? ResultSizeBytes,
    long? ExecutionDuration,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ErrorMessage,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The AMC instance and account the run's calls go to, on the owner's behalf.</summary>
    public AmcTarget AmcTarget() => new(UserId, AmcInstanceId, AmcAdvertiserId, AmcMarketplaceId, AmcRegion);
}
