using System.Text.Json;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Common;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Workflows.Rendering;

namespace RecomAmp.Core.Workflows;

/// <summary>
/// A user's workflows: list, read, create, change, delete and preview the rendered SQL. A workflow always
/// runs on one of its owner's instances. Another user's workflow is reported as not found.
/// </summary>
public sealed class WorkflowService(
    IDocumentStore store,
    InstanceLookup instances,
    ExecutionCleanup executions,
    TimeProvider timeProvider,
    ScheduleCleanup schedules,
    ILogger<WorkflowService> logger)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxSqlLength = 100_000;
    public const int MaxIdLength = 200;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;

    private const string Container = StorageContainers.Workflows;
    private const int MaxWriteAttempts = 5;
    private const string NoSuchInstance = "No such instance";

    /// <summary>
    /// One page of the user's workflows that match the filters, most recently updated first.
    /// </summary>
    /// <exception cref="RequestValidationException">A filter or the page is out of range.</exception>
    public async Task<PagedResponse<Workflow>> ListAsync(
        string userId, WorkflowListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);

        var errors = new ValidationErrors();
        if (query.Page is < 1 or > WorkflowListQuery.MaxPage)
        {
            errors.Add("page", $"Must be between 1 and {WorkflowListQuery.MaxPage}");
        }

        if (query.PageSize is < 1 or > WorkflowListQuery.MaxPageSize)
        {
            errors.Add("page_size", $"Must be between 1 and {WorkflowListQuery.MaxPageSize}");
        }

        errors.MaxLength("instance_id", query.InstanceId, MaxIdLength);
        errors.MaxLength("search", query.Search, WorkflowListQuery.MaxSearchLength);
        var tags = query.Tags ?? [];
        if (tags.Count > MaxTags || tags.Any(tag => tag.Length > MaxTagLength))
        {
            errors.Add("tags", $"Give at most {MaxTags} tags of at most {MaxTagLength} characters each");
        }

        errors.ThrowIfAny();

        var filter = DocumentQuery.All.OrderedBy("updated_at", descending: true);
        if (!string.IsNullOrEmpty(query.InstanceId))
        {
            filter = filter.Where(QueryCondition.Equal("instance_id", query.InstanceId));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            filter = filter.Where(QueryCondition.ContainsText(["name", "description"], query.Search.Trim()));
        }

        if (tags.Count > 0)
        {
            filter = filter.Where(QueryCondition.ArrayContainsAny("tags", [.. tags]));
        }

        var total = await store.CountAsync(Container, filter, userId, cancellationToken);
        var offset = (query.Page - 1) * query.PageSize;
        IReadOnlyList<Workflow> data = [];
        if (offset < total)
        {
            var request = new QueryRequest(userId, query.PageSize, Offset: offset);
            var page = await store.QueryAsync<Workflow>(Container, filter, request, cancellationToken);
            data = [.. page.Items.Select(item => item.Document)];
        }

        return new PagedResponse<Workflow>(data, Pagination.Of(query.Page, query.PageSize, total));
    }

    /// <summary>One of the user's workflows.</summary>
    /// <exception cref="ResourceNotFoundException">No such workflow for this user.</exception>
    public async Task<Workflow> GetAsync(
        string userId, string workflowId, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(userId, workflowId, cancellationToken);
        return stored?.Document ?? throw NotFound();
    }

    /// <summary>Creates a workflow on one of the user's instances.</summary>
    /// <exception cref="RequestValidationException">
    /// A field is missing or invalid, the SQL is malformed, or <c>instance_id</c> is not one of the user's
    /// instances.
    /// </exception>
    public async Task<Workflow> CreateAsync(
        string userId, CreateWorkflowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        errors.Required("name", request.Name, MaxNameLength);
        errors.MaxLength("description", request.Description, MaxDescriptionLength);
        CheckSql(errors, request.SqlQuery);
        errors.Required("instance_id", request.InstanceId, MaxIdLength);
        errors.MaxLength("template_id", request.TemplateId, MaxIdLength);
        WorkflowParameters.Validate(errors, "parameters", request.Parameters);
        var tags = NormalizeTags(errors, request.Tags ?? []);
        if (errors.IsEmpty && !await instances.ExistsAsync(userId, request.InstanceId!, cancellationToken))
        {
            errors.Add("instance_id", NoSuchInstance);
        }

        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var workflow = new Workflow(
            Id: Guid.NewGuid().ToString(),
            UserId: userId,
            Name: request.Name!.Trim(),
            Description: BlankToNull(request.Description),
            SqlQuery: request.SqlQuery!,
            InstanceId: request.InstanceId!,
            Parameters: WorkflowParameters.Detach(request.Parameters),
            Tags: tags,
            IsPublic: request.IsPublic ?? false,
            TemplateId: BlankToNull(request.TemplateId),
            CreatedAt: now,
            UpdatedAt: now,
            LastExecutedAt: null);
        var stored = await store.CreateAsync(Container, userId, workflow.Id, workflow, cancellationToken);

        // An instance deleted between the check above and this write would leave the workflow orphaned, and
        // the instance's delete may already have swept its workflows; so the workflow removes itself.
        if (!await instances.ExistsAsync(userId, workflow.InstanceId, cancellationToken))
        {
            WorkflowsLog.InstanceVanished(logger, workflow.InstanceId, workflow.Id);
            await DeleteWithDependentsAsync(userId, workflow.Id, cancellationToken);
            throw new RequestValidationException("instance_id", NoSuchInstance);
        }

        WorkflowsLog.WorkflowCreated(logger, workflow.Id, workflow.InstanceId, userId);
        return stored.Document;
    }

    /// <summary>
    /// Changes the fields the request gives, checked as on create; the others keep their values.
    /// </summary>
    /// <exception cref="RequestValidationException">A given field is invalid.</exception>
    /// <exception cref="ResourceNotFoundException">No such workflow for this user.</exception>
    /// <exception cref="ResourceConflictException">The workflow kept changing meanwhile.</exception>
    public async Task<Workflow> UpdateAsync(
        string userId, string workflowId, UpdateWorkflowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            errors.Required("name", request.Name, MaxNameLength);
        }

        errors.MaxLength("description", request.Description, MaxDescriptionLength);
        if (request.SqlQuery is not null)
        {
            CheckSql(errors, request.SqlQuery);
        }

        if (request.InstanceId is not null)
        {
            errors.Required("instance_id", request.InstanceId, MaxIdLength);
        }

        errors.MaxLength("template_id", request.TemplateId, MaxIdLength);
        WorkflowParameters.Validate(errors, "parameters", request.Parameters);
        var tags = request.Tags is null ? null : NormalizeTags(errors, request.Tags);
        errors.ThrowIfAny();

        var current = await FindAsync(userId, workflowId, cancellationToken) ?? throw NotFound();
        if (request.InstanceId is not null
            && !await instances.ExistsAsync(userId, request.InstanceId, cancellationToken))
        {
            throw new RequestValidationException("instance_id", NoSuchInstance);
        }

        var parameters = request.Parameters is null ? null : WorkflowParameters.Detach(request.Parameters);
        for (var attempt = 1; ; attempt++)
        {
            var changed = current.Document with
            {
                Name = request.Name?.Trim() ?? current.Document.Name,
                Description = request.Description is null
                    ? current.Document.Description
                    : BlankToNull(request.Description),
                SqlQuery = request.SqlQuery ?? current.Document.SqlQuery,
                InstanceId = request.InstanceId ?? current.Document.InstanceId,
                TemplateId = request.TemplateId is null
                    ? current.Document.TemplateId
                    : BlankToNull(request.TemplateId),
                Parameters = parameters ?? current.Document.Parameters,
                Tags = tags ?? current.Document.Tags,
                IsPublic = request.IsPublic ?? current.Document.IsPublic,
                UpdatedAt = timeProvider.GetUtcNow(),
            };

            StoredDocument<Workflow> stored;
            try
            {
                stored = await store.ReplaceAsync(
                    Container, userId, workflowId, changed, current.ETag, cancellationToken);
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxWriteAttempts)
            {
                WorkflowsLog.UpdateRetried(logger, workflowId, attempt);
                current = await FindAsync(userId, workflowId, cancellationToken) ?? throw NotFound();
                continue;
            }
            catch (DocumentPreconditionFailedException)
            {
                throw new ResourceConflictException(
                    "The workflow changed while it was being updated; try again");
            }
            catch (DocumentNotFoundException)
            {
                throw NotFound();
            }

            await UndoIfInstanceVanishedAsync(userId, current, stored, cancellationToken);
            return stored.Document;
        }
    }

    /// <summary>Deletes the workflow and everything that belongs to it.</summary>
    /// <exception cref="ResourceNotFoundException">No such workflow for this user.</exception>
    public async Task DeleteAsync(string userId, string workflowId, CancellationToken cancellationToken)
    {
        _ = await FindAsync(userId, workflowId, cancellationToken) ?? throw NotFound();
        await DeleteWithDependentsAsync(userId, workflowId, cancellationToken);
    }

    /// <summary>
    /// Deletes every workflow of one of the user's instances, with what belongs to each; used when the
    /// instance is deleted. Returns how many workflows it deleted.
    /// </summary>
    public async Task<int> DeleteForInstanceAsync(
        string userId, string instanceId, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.All.Where(QueryCondition.Equal("instance_id", instanceId));
        var deleted = 0;
        while (true)
        {
            // Always the first page: what was deleted no longer matches, so the rest moves up.
            var page = await store.QueryAsync<Workflow>(
                Container, query, new QueryRequest(userId, MaxItems: 100), cancellationToken);
            if (page.Items.Count == 0)
            {
                return deleted;
            }

            foreach (var item in page.Items)
            {
                if (await DeleteWithDependentsAsync(userId, item.Document.Id, cancellationToken))
                {
                    deleted++;
                }
            }
        }
    }

    /// <summary>
    /// Renders the workflow's SQL with its saved parameters, overridden by <paramref name="parameters"/> by
    /// name.
    /// </summary>
    /// <exception cref="RequestValidationException">
    /// A given value is invalid, or the SQL uses a parameter that has no value (one error per name, on
    /// <c>parameters.&lt;name&gt;</c>).
    /// </exception>
    /// <exception cref="ResourceNotFoundException">No such workflow for this user.</exception>
    public async Task<RenderedSql> PreviewAsync(
        string userId,
        string workflowId,
        IReadOnlyDictionary<string, JsonElement>? parameters,
        CancellationToken cancellationToken)
    {
        var workflow = await GetAsync(userId, workflowId, cancellationToken);

        var errors = new ValidationErrors();
        WorkflowParameters.Validate(errors, "parameters", parameters);
        errors.ThrowIfAny();

        var values = WorkflowParameters.Merge(workflow.Parameters, parameters);
        return SqlTemplate.Parse(workflow.SqlQuery).Render(values);
    }

    /// <summary>
    /// Notes that the workflow was run at <paramref name="executedAt"/> (its <c>last_executed_at</c>); a later
    /// run already noted is kept.
    /// </summary>
    /// <returns>False when the user has no such workflow (any more).</returns>
    public async Task<bool> MarkExecutedAsync(
        string userId, string workflowId, DateTimeOffset executedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await FindAsync(userId, workflowId, cancellationToken);
            if (current is null)
            {
                return false;
            }

            if (current.Document.LastExecutedAt >= executedAt)
            {
                return true;
            }

            var changed = current.Document with { LastExecutedAt = executedAt };
            try
            {
                await store.ReplaceAsync(
                    Container, userId, workflowId, changed, current.ETag, cancellationToken);
                return true;
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxWriteAttempts)
            {
                WorkflowsLog.UpdateRetried(logger, workflowId, attempt);
            }
            catch (DocumentNotFoundException)
            {
                return false;
            }
        }
    }

    private async Task<StoredDocument<Workflow>?> FindAsync(
        string userId, string workflowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Guid.TryParse(workflowId, out _)
            ? await store.ReadAsync<Workflow>(Container, userId, workflowId, cancellationToken)
            : null;
    }

    private async Task<bool> DeleteWithDependentsAsync(
        string userId, string workflowId, CancellationToken cancellationToken)
    {
        // Whatever belongs to a workflow is deleted here before the workflow itself, so that a failure
        // part-way leaves the workflow in place to be deleted again. Its schedules go first, so none starts
        // another execution; its executions are cancelled at AMC when still running, and go with their
        // results.
        await schedules.DeleteForWorkflowAsync(userId, workflowId, cancellationToken);
        await executions.DeleteForWorkflowAsync(userId, workflowId, cancellationToken);
        try
        {
            await store.DeleteAsync(Container, userId, workflowId, ifMatch: null, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            return false;
        }

        WorkflowsLog.WorkflowDeleted(logger, workflowId, userId);
        return true;
    }

    private async Task UndoIfInstanceVanishedAsync(
        string userId,
        StoredDocument<Workflow> before,
        StoredDocument<Workflow> after,
        CancellationToken cancellationToken)
    {
        var instanceId = after.Document.InstanceId;
        if (instanceId == before.Document.InstanceId
            || await instances.ExistsAsync(userId, instanceId, cancellationToken))
        {
            return;
        }

        // The new instance was deleted while the workflow moved to it, and its delete may have swept already:
        // put the workflow back on its old instance rather than leave it on one that no longer exists.
        WorkflowsLog.InstanceVanished(logger, instanceId, after.Document.Id);
        try
        {
            await store.ReplaceAsync(
                Container, userId, after.Document.Id, before.Document, after.ETag, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentNotFoundException or DocumentPreconditionFailedException)
        {
            // Deleted or changed again meanwhile; that later write stands.
        }

        throw new RequestValidationException("instance_id", NoSuchInstance);
    }

    private static void CheckSql(ValidationErrors errors, string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql) || sql.Length > MaxSqlLength)
        {
            errors.Required("sql_query", sql, MaxSqlLength);
        }
        else if (!SqlTemplate.TryParse(sql, out _, out var problem))
        {
            errors.Add("sql_query", problem);
        }
    }

    private static List<string> NormalizeTags(ValidationErrors errors, IReadOnlyList<string?> tags)
    {
        var normalized = new List<string>();
        for (var index = 0; index < tags.Count; index++)
        {
            var tag = tags[index]?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength)
            {
                errors.Add($"tags[{index}]", $"Must be 1 to {MaxTagLength} characters");
            }
            else if (!normalized.Contains(tag, StringComparer.Ordinal))
            {
                normalized.Add(tag);
            }
        }

        if (normalized.Count > MaxTags)
        {
            errors.Add("tags", $"Must have at most {MaxTags} tags");
        }

        return normalized;
    }

    private static string? BlankToNull(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ResourceNotFoundException NotFound() => new("Workflow");
}
