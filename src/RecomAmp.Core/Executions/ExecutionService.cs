using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;
using RecomAmp.Core.Executions.Results;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Workflows;
using RecomAmp.Core.Workflows.Rendering;

namespace RecomAmp.Core.Executions;

/// <summary>
/// A user's executions: run a workflow on AMC, follow it, read its result, cancel or delete it. Another
/// user's execution is reported as not found. The orchestration that runs an execution is started here and
/// does the AMC work.
/// </summary>
public sealed class ExecutionService(
    IDocumentStore store,
    ExecutionRecords records,
    ExecutionOrchestrations orchestrations,
    ExecutionCleanup cleanup,
    WorkflowService workflows,
    InstanceService instances,
    IResultStore results,
    TimeProvider timeProvider,
    ILogger<ExecutionService> logger)
{
    public const int DefaultListLimit = 20;
    public const int MaxListLimit = 500;
    public const int DefaultResultLimit = 10_000;
    public const int MaxJsonResultLimit = 100_000;
    public const int MaxCsvResultLimit = 10_000_000;

    public const string JsonFormat = "json";
    public const string CsvFormat = "csv";

    /// <summary>
    /// Runs a workflow on AMC with its saved parameters overridden by the request's: checks everything the run
    /// needs, stores the execution as PENDING and schedules its orchestration.
    /// </summary>
    /// <exception cref="RequestValidationException">
    /// A parameter is invalid or missing from the SQL (<c>parameters.&lt;name&gt;</c>), or there is no time
    /// window (<c>parameters.start_date</c>, <c>parameters.end_date</c>).
    /// </exception>
    /// <exception cref="ResourceNotFoundException">No such workflow (or instance) for this user.</exception>
    /// <exception cref="RuleViolationException">The workflow's instance has no AMC account id.</exception>
    public Task<Execution> StartAsync(
        string userId,
        string workflowId,
        ExecuteWorkflowRequest request,
        DurableTaskClient client,
        CancellationToken cancellationToken) =>
        StartAsync(userId, workflowId, request, new ExecutionStartOptions(), client, cancellationToken);

    /// <summary>
    /// Runs a workflow as <see cref="StartAsync(string, string, ExecuteWorkflowRequest, DurableTaskClient,
    /// CancellationToken)"/> does, with what <paramref name="options"/> fixes: a schedule chooses the
    /// execution's id, so that starting it again returns the execution already stored rather than a second
    /// one, and the time zone of its window.
    /// </summary>
    public async Task<Execution> StartAsync(
        string userId,
        string workflowId,
        ExecuteWorkflowRequest request,
        ExecutionStartOptions options,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        if (options.ExecutionId is not null
            && await records.FindAsync(userId, options.ExecutionId, cancellationToken) is { } existing)
        {
            return existing.Document;
        }

        var errors = new ValidationErrors();
        WorkflowParameters.Validate(errors, "parameters", request.Parameters);
        errors.ThrowIfAny();

        var workflow = await workflows.GetAsync(userId, workflowId, cancellationToken);
        var parameters = WorkflowParameters.Detach(
            WorkflowParameters.Merge(workflow.Parameters, request.Parameters));
        CheckRenders(errors, workflow.SqlQuery, parameters);
        var timeZone = options.TimeZone ?? await UserTimeZoneAsync(userId, cancellationToken);
        var window = ExecutionTimeWindow.Resolve(parameters, timeZone, errors);
        errors.ThrowIfAny();
        var target = await instances.GetAmcTargetAsync(userId, workflow.InstanceId, cancellationToken);

        var now = timeProvider.GetUtcNow();
        var execution = new Execution(
            Id: options.ExecutionId ?? Guid.NewGuid().ToString(),
            UserId: userId,
            WorkflowId: workflow.Id,
            InstanceId: workflow.InstanceId,
            Status: ExecutionStatus.Pending,
            Parameters: parameters,
            TimeWindowStart: window!.Start,
            TimeWindowEnd: window.End,
            TimeWindowTimezone: window.TimeZone,
            SqlQuery: workflow.SqlQuery,
            RenderedSql: null,
            AmcInstanceId: target.AmcInstanceId,
            AmcAdvertiserId: target.AdvertiserId,
            AmcMarketplaceId: target.MarketplaceId,
            AmcRegion: target.Region,
            AmcWorkflowId: null,
            AmcExecutionId: null,
            AmcStatus: null,
            OutputColumns: null,
            ResultRows: null,
            ResultSizeBytes: null,
            ExecutionDuration: null,
            CreatedAt: now,
            StartedAt: null,
            CompletedAt: null,
            ErrorMessage: null,
            UpdatedAt: now);
        var stored = await records.CreateAsync(execution, cancellationToken);

        // A workflow deleted meanwhile may have swept its executions already; this one removes itself.
        if (!await workflows.MarkExecutedAsync(userId, workflow.Id, now, cancellationToken))
        {
            await records.DeleteAsync(userId, execution.Id, cancellationToken);
            throw new ResourceNotFoundException("Workflow");
        }

        ExecutionsLog.ExecutionRequested(logger, execution.Id, workflow.Id, userId);
        try
        {
            await orchestrations.ScheduleAsync(client, userId, execution.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The execution is stored as PENDING; recovery schedules an orchestration for it within a minute.
            ExecutionsLog.ScheduleFailed(logger, ex, execution.Id);
        }

        return stored.Document;
    }

    /// <summary>One of the user's executions.</summary>
    /// <exception cref="ResourceNotFoundException">No such execution for this user.</exception>
    public async Task<Execution> GetAsync(
        string userId, string executionId, CancellationToken cancellationToken)
    {
        var stored = await records.FindAsync(userId, executionId, cancellationToken);
        return stored?.Document ?? throw NotFound();
    }

    /// <summary>
    /// The newest executions of one of the user's workflows, optionally with one status (<c>SUCCESS</c> is
    /// read as <c>SUCCEEDED</c>).
    /// </summary>
    /// <exception cref="RequestValidationException">The limit or status is out of range.</exception>
    /// <exception cref="ResourceNotFoundException">No such workflow for this user.</exception>
    public async Task<IReadOnlyList<Execution>> ListForWorkflowAsync(
        string userId, string workflowId, int limit, string? status, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MaxListLimit)
        {
            errors.Add("limit", $"Must be between 1 and {MaxListLimit}");
        }

        var statusFilter = status is null ? null : ExecutionStatus.ParseFilter(status);
        if (status is not null && statusFilter is null)
        {
            errors.Add("status", "Must be one of " + string.Join(", ", ExecutionStatus.All) + " (or SUCCESS)");
        }

        errors.ThrowIfAny();

        _ = await workflows.GetAsync(userId, workflowId, cancellationToken);
        var query = DocumentQuery.All
            .Where(QueryCondition.Equal("workflow_id", workflowId))
            .OrderedBy("created_at", descending: true);
        if (statusFilter is not null)
        {
            query = query.Where(QueryCondition.Equal("status", statusFilter));
        }

        return await records.QueryAsync(userId, query, limit, cancellationToken);
    }

    /// <summary>
    /// Cancels an active execution (at AMC too, and its orchestration) and returns it CANCELLED; deletes a
    /// finished one with its result and returns null.
    /// </summary>
    /// <exception cref="ResourceNotFoundException">No such execution for this user.</exception>
    public async Task<Execution?> CancelOrDeleteAsync(
        string userId, string executionId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = timeProvider.GetUtcNow();
        var change = await records.UpdateAsync(userId, executionId, current =>
            ExecutionStatus.IsActive(current.Status)
                ? current with
                {
                    Status = ExecutionStatus.Cancelled,
                    ErrorMessage = "Cancelled by the user",
                    CompletedAt = now,
                    UpdatedAt = now,
                }
                : null,
            cancellationToken) ?? throw NotFound();

        if (!change.Written)
        {
            await cleanup.DeleteAsync(change.After, cancellationToken);
            await ForgetOrchestrationAsync(client, executionId, cancellationToken);
            return null;
        }

        // The orchestration is only ended once AMC has confirmed: if the call fails, the orchestration's next
        // status read sees the cancellation and cancels at AMC itself, with its retries.
        ExecutionsLog.Cancelled(logger, executionId, userId);
        var cancelledAtAmc = change.Before.AmcExecutionId is not { } amcExecutionId
            || await cleanup.TryCancelAtAmcAsync(change.Before, amcExecutionId, cancellationToken);
        if (cancelledAtAmc)
        {
            await TryTerminateAsync(client, executionId, cancellationToken);
        }

        return change.After;
    }

    /// <summary>
    /// An execution's stored result as JSON (<c>{"data", "metadata"}</c>) or CSV, with at most
    /// <paramref name="limit"/> rows.
    /// </summary>
    /// <exception cref="RequestValidationException">The format or limit is out of range.</exception>
    /// <exception cref="ResourceNotFoundException">
    /// No such execution for this user, or its result is gone.
    /// </exception>
    /// <exception cref="ResourceConflictException">The execution has not SUCCEEDED (yet).</exception>
    public async Task<ExecutionResultContent> OpenResultsAsync(
        string userId, string executionId, string? format, int limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var chosen = (format ?? JsonFormat).Trim().ToLowerInvariant();
        if (chosen is not (JsonFormat or CsvFormat))
        {
            errors.Add("format", "Must be json or csv");
        }

        var maxLimit = chosen == CsvFormat ? MaxCsvResultLimit : MaxJsonResultLimit;
        if (limit < 1 || limit > maxLimit)
        {
            errors.Add("limit", $"Must be between 1 and {maxLimit} for {chosen}");
        }

        errors.ThrowIfAny();

        var execution = await GetAsync(userId, executionId, cancellationToken);
        if (execution.Status != ExecutionStatus.Succeeded)
        {
            throw new ResourceConflictException(ExecutionStatus.IsActive(execution.Status)
                ? $"The execution is {execution.Status}; its results are available once it has SUCCEEDED"
                : $"The execution ended {execution.Status}; only a SUCCEEDED execution has results");
        }

        var source = await results.OpenReadAsync(userId, executionId, cancellationToken)
            ?? throw new ResourceNotFoundException("Result");
        if (chosen == CsvFormat)
        {
            return new ExecutionResultContent(
                "text/csv; charset=utf-8",
                $"execution-{execution.Id}.csv",
                source,
                (input, output, token) => ResultCsv.CopyAsync(input, output, limit, token));
        }

        try
        {
            var shape = await ResultJson.InspectAsync(source, limit, cancellationToken);
            source.Seek(0, SeekOrigin.Begin);
            var metadata = new ResultMetadata(
                execution.ResultRows ?? shape.Rows, execution.ExecutionDuration, execution.RenderedSql);
            return new ExecutionResultContent(
                "application/json; charset=utf-8",
                fileName: null,
                source,
                (input, output, token) => ResultJson.WriteAsync(input, output, shape, limit, metadata, token));
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    private static void CheckRenders(
        ValidationErrors errors, string sql, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        try
        {
            SqlParameterRenderer.Render(sql, parameters);
        }
        catch (RequestValidationException ex) when (ex.Errors is not null)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }
    }

    private async Task<string> UserTimeZoneAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await store.ReadAsync<UserDocument>(
            StorageContainers.Users, userId, userId, cancellationToken);
        return string.IsNullOrWhiteSpace(user?.Document.Timezone) ? "UTC" : user.Document.Timezone;
    }

    private async Task TryTerminateAsync(
        DurableTaskClient client, string executionId, CancellationToken cancellationToken)
    {
        try
        {
            await ExecutionOrchestrations.TerminateAsync(
                client, executionId, "Cancelled by the user", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The orchestration stops by itself at its next step, which sees the execution cancelled.
            ExecutionsLog.TerminateFailed(logger, ex, executionId);
        }
    }

    private async Task ForgetOrchestrationAsync(
        DurableTaskClient client, string executionId, CancellationToken cancellationToken)
    {
        try
        {
            await ExecutionOrchestrations.PurgeAsync(client, executionId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the backend's history of a finished orchestration stays behind.
            ExecutionsLog.TerminateFailed(logger, ex, executionId);
        }
    }

    private static ResourceNotFoundException NotFound() => new("Execution");
}
