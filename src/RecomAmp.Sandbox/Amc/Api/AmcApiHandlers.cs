using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>
/// The Sandbox's AMC reporting API: accounts, instances, saved workflows, executions and result downloads,
/// answering with AMC's paths, JSON shapes and status codes. State lives in <see cref="AmcSandboxState"/>;
/// queries run in <see cref="AmcExecutionRunner"/>.
/// </summary>
internal sealed partial class AmcApiHandlers(
    AmcRequestGuard guard,
    AmcSandboxState state,
    AmcExecutionRunner runner,
    AmcEngine engine,
    AmcDownloadLinks links,
    AmcFaultInjection faults,
    IOptions<AmcSandboxOptions> options,
    TimeProvider timeProvider)
{
    private const int MaxSqlLength = 200_000;
    private const int MaxParameters = 100;
    private const int DefaultTimeoutSeconds = 21_600;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex WorkflowIdPattern();

    public Task<IResult> ListAccounts(HttpContext http) =>
        guard.RunAsync(http, AmcOperation.ListAccounts, false, null, _ =>
        {
            var accounts = options.Value.EffectiveAccounts
                .Select(a => new
                {
                    accountId = a.AccountId, accountName = a.AccountName, marketplaceId = a.MarketplaceId,
                });
            return Ok(new { amcAccounts = accounts });
        });

    public Task<IResult> ListInstances(HttpContext http) =>
        guard.RunAsync(http, AmcOperation.ListInstances, true, null, caller =>
            Ok(new { instances = caller.Account!.InstanceIds.Select(Instance).ToList(), nextToken = (string?)null }));

    public Task<IResult> GetInstance(HttpContext http, string instanceId) =>
        guard.RunAsync(http, AmcOperation.GetInstance, true, instanceId, _ => Ok(Instance(instanceId)));

    public Task<IResult> CreateWorkflow(HttpContext http, string instanceId) =>
        guard.RunAsync(http, AmcOperation.CreateWorkflow, true, instanceId, async _ =>
        {
            var body = await ReadAsync<AmcWorkflowBody>(http);
            var workflow = ValidWorkflow(instanceId, body.WorkflowId, body, timeProvider.GetUtcNow(), null);
            if (!state.TryAddWorkflow(workflow))
            {
                return AmcRequestGuard.Error(409, "CONFLICT", $"Workflow {workflow.WorkflowId} already exists");
            }

            return Ok(new { workflowId = workflow.WorkflowId });
        });

    public Task<IResult> ListWorkflows(HttpContext http, string instanceId) =>
        guard.RunAsync(http, AmcOperation.ListWorkflows, true, instanceId, _ =>
        {
            var (page, nextToken) = Page(http, state.Workflows(instanceId));
            return Ok(new { workflows = page.Select(WorkflowView).ToList(), nextToken });
        });

    public Task<IResult> GetWorkflow(HttpContext http, string instanceId, string workflowId) =>
        guard.RunAsync(http, AmcOperation.GetWorkflow, true, instanceId, _ =>
            Ok(WorkflowView(FindWorkflow(instanceId, workflowId))));

    public Task<IResult> ReplaceWorkflow(HttpContext http, string instanceId, string workflowId) =>
        guard.RunAsync(http, AmcOperation.UpdateWorkflow, true, instanceId, async _ =>
        {
            var current = FindWorkflow(instanceId, workflowId);
            var body = await ReadAsync<AmcWorkflowBody>(http);
            if (body.WorkflowId is not null && body.WorkflowId != workflowId)
            {
                throw AmcApiException.BadRequest("workflowId in the body differs from the one in the path");
            }

            var workflow = ValidWorkflow(instanceId, workflowId, body, timeProvider.GetUtcNow(), current.CreateTime);
            return state.TryReplaceWorkflow(workflow)
                ? Ok(new { workflowId })
                : AmcRequestGuard.Error(409, "CONFLICT", $"Workflow {workflowId} changed meanwhile; try again");
        });

    public Task<IResult> DeleteWorkflow(HttpContext http, string instanceId, string workflowId) =>
        guard.RunAsync(http, AmcOperation.DeleteWorkflow, true, instanceId, _ =>
            state.RemoveWorkflow(instanceId, workflowId)
                ? Ok(new { })
                : throw AmcApiException.NotFound($"Workflow {workflowId} was not found"));

    public Task<IResult> CreateExecution(HttpContext http, string instanceId) =>
        guard.RunAsync(http, AmcOperation.CreateExecution, true, instanceId, async _ =>
        {
            var body = await ReadAsync<AmcExecutionBody>(http);
            var execution = NewExecution(instanceId, body);
            try
            {
                engine.Compile(execution.Query);
            }
            catch (AmcCompileException ex)
            {
                return AmcRequestGuard.Error(400, "BAD_REQUEST", ex.Message);
            }

            if (!state.TryAdmit(execution, options.Value.MaxActiveExecutionsPerInstance))
            {
                return guard.TooManyRequests(http,
                    $"Instance {instanceId} already has {options.Value.MaxActiveExecutionsPerInstance} executions " +
                    "pending or running");
            }

            runner.Enqueue(execution);
            return Ok(ExecutionView(execution));
        });

    public Task<IResult> GetExecution(HttpContext http, string instanceId, string executionId) =>
        guard.RunAsync(http, AmcOperation.GetExecution, true, instanceId, _ =>
            Ok(ExecutionView(FindExecution(instanceId, executionId))));

    public Task<IResult> ListExecutions(HttpContext http, string instanceId) =>
        guard.RunAsync(http, AmcOperation.ListExecutions, true, instanceId, _ =>
        {
            var workflowId = http.Request.Query["workflowId"].ToString();
            var min = TimeQuery(http, "minCreationTime");
            var max = TimeQuery(http, "maxCreationTime");
            var matching = state.Executions(instanceId)
                .Where(e => workflowId.Length == 0 || e.WorkflowId == workflowId)
                .Where(e => min is null || e.CreateTime >= min)
                .Where(e => max is null || e.CreateTime <= max)
                .ToList();
            var (page, nextToken) = Page(http, matching);
            return Ok(new { executions = page.Select(ExecutionView).ToList(), nextToken });
        });

    public Task<IResult> UpdateExecution(HttpContext http, string instanceId, string executionId) =>
        guard.RunAsync(http, AmcOperation.CancelExecution, true, instanceId, async _ =>
        {
            var execution = FindExecution(instanceId, executionId);
            var body = await ReadAsync<AmcStatusBody>(http);
            if (!string.Equals(body.Status, "CANCELLED", StringComparison.Ordinal))
            {
                throw AmcApiException.BadRequest("Only {\"status\": \"CANCELLED\"} can be set on an execution");
            }

            return Cancel(execution);
        });

    public Task<IResult> DeleteExecution(HttpContext http, string instanceId, string executionId) =>
        guard.RunAsync(http, AmcOperation.CancelExecution, true, instanceId, _ =>
            Cancel(FindExecution(instanceId, executionId)));

    public Task<IResult> GetDownloadUrls(HttpContext http, string instanceId, string executionId) =>
        guard.RunAsync(http, AmcOperation.GetDownloadUrls, true, instanceId, _ =>
        {
            var execution = FindExecution(instanceId, executionId);
            if (execution.Status != AmcExecutionStatus.Succeeded || execution.Result is null)
            {
                throw AmcApiException.BadRequest(
                    $"Execution {executionId} is {Status(execution.Status)}; results exist only for SUCCEEDED runs");
            }

            var baseUrl = BaseUrl(http);
            var files = execution.Result.Files.Select(Path.GetFileName).OfType<string>().ToList();
            var downloadUrls = files.Select(f => links.Create(baseUrl, instanceId, executionId, f)).ToList();
            var metadata = links.Create(baseUrl, instanceId, executionId, "metadata.json");
            return Ok(new { downloadUrls, metadataDownloadUrls = new[] { metadata } });
        });

    /// <summary>Serves a signed result link; like a pre-signed S3 URL it needs no AMC headers.</summary>
    public async Task<IResult> Download(HttpContext http, string instanceId, string executionId, string fileName)
    {
        if (faults.TakeCallFault(AmcOperation.Download) is { } fault)
        {
            await Task.Delay(fault.Delay, http.RequestAborted);
            if (fault.StatusCode is { } status)
            {
                return S3Error(status, status == 429 ? "SlowDown" : "InternalError", "Injected by the Sandbox");
            }
        }

        var check = links.Check(instanceId, executionId, fileName, http.Request.Query["expires"],
            http.Request.Query["signature"]);
        if (check == AmcLinkCheck.BadSignature)
        {
            return S3Error(403, "SignatureDoesNotMatch", "The request signature is not valid");
        }

        if (check == AmcLinkCheck.Expired || faults.ExpireDownloadLinks)
        {
            return S3Error(403, "AccessDenied", "Request has expired");
        }

        var execution = state.FindExecution(instanceId, executionId);
        if (execution?.Result is not { } result)
        {
            return S3Error(404, "NoSuchKey", "The specified key does not exist.");
        }

        if (fileName == "metadata.json")
        {
            var metadata = new
            {
                workflowExecutionId = executionId,
                columns = result.Columns.Select(c => new { name = c.Name, type = c.DuckDbType }),
                rowCount = result.RowCount,
                files = result.Files.Select(Path.GetFileName),
            };
            return Results.Json(metadata, AmcJson.Options);
        }

        var path = result.Files.FirstOrDefault(f => Path.GetFileName(f) == fileName);
        return path is null || !File.Exists(path)
            ? S3Error(404, "NoSuchKey", "The specified key does not exist.")
            : Results.File(path, "text/csv", fileName);
    }

    public Task<IResult> AddCallFault(HttpContext http) => Admin(async () =>
    {
        var body = await ReadAsync<AmcCallFaultBody>(http);
        if (!Enum.TryParse<AmcOperation>(body.Operation, ignoreCase: true, out var operation))
        {
            throw AmcApiException.BadRequest(
                "operation must be one of " + string.Join(", ", Enum.GetNames<AmcOperation>()));
        }

        var count = Math.Clamp(body.Count ?? 1, 1, 10_000);
        if (body.StatusCode is { } status)
        {
            if (status is < 400 or > 599)
            {
                throw AmcApiException.BadRequest("statusCode must be between 400 and 599");
            }

            faults.FailNext(operation, status, count);
        }
        else if (body.DelayMilliseconds is > 0 and <= 600_000)
        {
            faults.DelayNext(operation, TimeSpan.FromMilliseconds(body.DelayMilliseconds.Value), count);
        }
        else
        {
            throw AmcApiException.BadRequest("Give statusCode (400-599) or delayMilliseconds (1-600000)");
        }

        return Results.NoContent();
    });

    public Task<IResult> AddOutcomeFault(HttpContext http) => Admin(async () =>
    {
        var body = await ReadAsync<AmcOutcomeFaultBody>(http);
        var outcome = body.Outcome?.ToUpperInvariant() switch
        {
            "REJECTED" => AmcExecutionStatus.Rejected,
            "FAILED" => AmcExecutionStatus.Failed,
            _ => throw AmcApiException.BadRequest("outcome must be REJECTED or FAILED"),
        };
        faults.EndNextExecutions(outcome, Math.Clamp(body.Count ?? 1, 1, 10_000), Truncate(body.Reason, 500));
        return Results.NoContent();
    });

    public Task<IResult> SetLinkFault(HttpContext http) => Admin(async () =>
    {
        var body = await ReadAsync<AmcLinkFaultBody>(http);
        faults.ExpireDownloadLinks = body.Expired ?? throw AmcApiException.BadRequest("expired is required");
        return Results.NoContent();
    });

    public Task<IResult> ResetFaults(HttpContext http) => Admin(() =>
    {
        faults.Reset();
        return Task.FromResult(Results.NoContent());
    });

    private static async Task<IResult> Admin(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (AmcApiException ex)
        {
            return AmcRequestGuard.Error(ex.StatusCode, ex.Code, ex.Message);
        }
    }

    private AmcExecution NewExecution(string instanceId, AmcExecutionBody body)
    {
        string sql;
        string workflowId;
        IReadOnlyList<AmcInputParameter> inputParameters;
        if (!string.IsNullOrEmpty(body.WorkflowId))
        {
            if (body.Workflow is not null)
            {
                throw AmcApiException.BadRequest("Give either workflowId or workflow, not both");
            }

            var saved = state.FindWorkflow(instanceId, body.WorkflowId)
                ?? throw AmcApiException.BadRequest($"Workflow {body.WorkflowId} does not exist");
            (sql, workflowId, inputParameters) = (saved.SqlQuery, saved.WorkflowId, saved.InputParameters);
        }
        else if (body.Workflow is { } adHoc)
        {
            sql = ValidSql(adHoc.SqlQuery, "workflow.sqlQuery");
            workflowId = "transient_" + Guid.NewGuid();
            inputParameters = ParseInputParameters(adHoc.InputParameters);
        }
        else
        {
            throw AmcApiException.BadRequest("workflowId or workflow is required");
        }

        var now = timeProvider.GetUtcNow();
        var window = AmcTimeWindow.Resolve(body.TimeWindowType, body.TimeWindowStart, body.TimeWindowEnd,
            body.TimeWindowTimeZone, now);
        var parameterValues = body.ParameterValues ?? [];
        if (parameterValues.Count > MaxParameters)
        {
            throw AmcApiException.BadRequest($"parameterValues holds more than {MaxParameters} values");
        }

        var timeout = body.WorkflowExecutionTimeoutSeconds ?? DefaultTimeoutSeconds;
        if (timeout is < 1 or > 86_400)
        {
            throw AmcApiException.BadRequest("workflowExecutionTimeoutSeconds must be between 1 and 86400");
        }

        var query = new AmcQueryRequest(sql, window.StartUtc, window.EndUtc, inputParameters, parameterValues,
            body.DisableAggregationControls ?? false);
        return new AmcExecution
        {
            ExecutionId = Guid.NewGuid().ToString(),
            InstanceId = instanceId,
            WorkflowId = workflowId,
            Query = query,
            TimeWindowType = window.Type,
            TimeWindowTimeZone = window.TimeZone,
            ParameterValues = parameterValues,
            TimeoutSeconds = timeout,
            CreateTime = now,
        };
    }

    private IResult Cancel(AmcExecution execution)
    {
        if (!execution.TryMove(AmcExecutionStatus.Cancelled, timeProvider.GetUtcNow(), "Cancelled by the caller"))
        {
            throw AmcApiException.BadRequest(
                $"Execution {execution.ExecutionId} is {Status(execution.Status)}; only PENDING or RUNNING " +
                "executions can be cancelled");
        }

        execution.Cancellation.Cancel();
        return Ok(ExecutionView(execution));
    }

    private AmcWorkflow ValidWorkflow(
        string instanceId, string? workflowId, AmcWorkflowBody body, DateTimeOffset now, DateTimeOffset? created)
    {
        if (string.IsNullOrEmpty(workflowId) || !WorkflowIdPattern().IsMatch(workflowId))
        {
            throw AmcApiException.BadRequest(
                "workflowId is required: 1 to 128 letters, digits, '.', '-' or '_'");
        }

        var sql = ValidSql(body.SqlQuery, "sqlQuery");
        var parameters = ParseInputParameters(body.InputParameters);
        try
        {
            var end = now.UtcDateTime.Date;
            engine.Compile(new AmcQueryRequest(sql, end.AddDays(-1), end, parameters));
        }
        catch (AmcCompileException ex)
        {
            throw AmcApiException.BadRequest(ex.Message);
        }

        return new AmcWorkflow(instanceId, workflowId, sql, parameters, body.InputParameters,
            Truncate(body.DistinctUserCountColumn, 128), Truncate(body.FilteredMetricsDiscriminatorColumn, 128),
            Truncate(body.FilteredReasonColumn, 128), created ?? now, now);
    }

    private static string ValidSql(string? sql, string field) =>
        string.IsNullOrWhiteSpace(sql)
            ? throw AmcApiException.BadRequest($"{field} is required")
            : sql.Length > MaxSqlLength
                ? throw AmcApiException.BadRequest($"{field} is longer than {MaxSqlLength} characters")
                : sql;

    private static List<AmcInputParameter> ParseInputParameters(JsonElement? raw)
    {
        if (raw is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxParameters)
        {
            throw AmcApiException.BadRequest($"inputParameters must be a list of at most {MaxParameters} parameters");
        }

        var parameters = new List<AmcInputParameter>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(name.GetString()) || name.GetString()!.Length > 128)
            {
                throw AmcApiException.BadRequest("Every input parameter needs a name");
            }

            string? dataType = null;
            if (item.TryGetProperty("dataType", out var type))
            {
                dataType = type.ValueKind switch
                {
                    JsonValueKind.String => type.GetString(),
                    JsonValueKind.Object when type.TryGetProperty("type", out var inner) => inner.GetString(),
                    _ => null,
                };
            }

            JsonElement? defaultValue = item.TryGetProperty("defaultValue", out var value) ? value.Clone() : null;
            parameters.Add(new AmcInputParameter(name.GetString()!, dataType, defaultValue));
        }

        return parameters;
    }

    private AmcWorkflow FindWorkflow(string instanceId, string workflowId) =>
        state.FindWorkflow(instanceId, workflowId)
            ?? throw AmcApiException.NotFound($"Workflow {workflowId} was not found");

    private AmcExecution FindExecution(string instanceId, string executionId) =>
        state.FindExecution(instanceId, executionId)
            ?? throw AmcApiException.NotFound($"Workflow execution {executionId} was not found");

    private static object Instance(string instanceId) => new
    {
        instanceId,
        instanceName = "Sandbox " + instanceId,
        instanceType = "STANDARD",
        creationStatus = "COMPLETED",
        creationDatetime = "2024-01-01T00:00:00Z",
        s3BucketName = "amc-" + instanceId,
        apiEndpoint = "sandbox",
        optionalDatasets = Array.Empty<string>(),
    };

    private static object WorkflowView(AmcWorkflow workflow) => new
    {
        workflowId = workflow.WorkflowId,
        sqlQuery = workflow.SqlQuery,
        inputParameters = workflow.RawInputParameters,
        distinctUserCountColumn = workflow.DistinctUserCountColumn,
        filteredMetricsDiscriminatorColumn = workflow.FilteredMetricsDiscriminatorColumn,
        filteredReasonColumn = workflow.FilteredReasonColumn,
        createTime = Time(workflow.CreateTime),
        lastUpdatedTime = Time(workflow.LastUpdatedTime),
    };

    private static AmcExecutionView ExecutionView(AmcExecution e)
    {
        var result = e.Result;
        return new AmcExecutionView(
            e.ExecutionId,
            e.WorkflowId,
            e.InstanceId,
            Status(e.Status),
            e.StatusReason,
            Time(e.CreateTime),
            Time(e.LastUpdatedTime == default ? e.CreateTime : e.LastUpdatedTime),
            e.StartTime is { } start ? Time(start) : null,
            e.EndTime is { } end ? Time(end) : null,
            Time(e.CreateTime.AddDays(7)),
            e.TimeWindowType,
            Time(e.Query.WindowStartUtc),
            Time(e.Query.WindowEndUtc),
            e.TimeWindowTimeZone,
            e.ParameterValues,
            e.Query.DisableAggregationControls,
            e.TimeoutSeconds,
            result?.Columns.Select(c => c.Name).ToList(),
            e.StartTime is { } s && e.EndTime is { } f ? (long)(f - s).TotalSeconds : null,
            result is null ? null : $"s3://amc-{e.InstanceId}/workflow={e.WorkflowId}/execution={e.ExecutionId}/");
    }

    private static string Status(AmcExecutionStatus status) => status.ToString().ToUpperInvariant();

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? TimeQuery(HttpContext http, string name)
    {
        var value = http.Request.Query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(
                value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw AmcApiException.BadRequest($"{name} must be an ISO 8601 time");
    }

    private static (List<T> Page, string? NextToken) Page<T>(HttpContext http, IReadOnlyList<T> items)
    {
        var limitText = http.Request.Query["limit"].ToString();
        var limit = 100;
        if (limitText.Length > 0
            && (!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            throw AmcApiException.BadRequest("limit must be between 1 and 1000");
        }

        var token = http.Request.Query["nextToken"].ToString();
        var offset = 0;
        if (token.Length > 0)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                offset = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw AmcApiException.BadRequest("nextToken is not valid");
            }
        }

        var page = items.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < items.Count
            ? Convert.ToBase64String(
                Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }

    private static async Task<T> ReadAsync<T>(HttpContext http)
    {
        try
        {
            return await http.Request.ReadFromJsonAsync<T>(AmcJson.Options, http.RequestAborted)
                ?? throw AmcApiException.BadRequest("A JSON body is required");
        }
        catch (JsonException ex)
        {
            throw AmcApiException.BadRequest("Malformed JSON body: " + ex.Message);
        }
        catch (InvalidOperationException)
        {
            throw AmcApiException.BadRequest("The body must be JSON (Content-Type: application/json)");
        }
    }

    /// <summary>The URL the Sandbox is reached at, up to (not including) <c>/amc/</c>.</summary>
    private static string BaseUrl(HttpContext http)
    {
        var path = http.Request.PathBase + http.Request.Path;
        var value = path.Value ?? string.Empty;
        var at = value.IndexOf("/amc/", StringComparison.Ordinal);
        return $"{http.Request.Scheme}://{http.Request.Host}{(at < 0 ? string.Empty : value[..at])}";
    }

    private static IResult S3Error(int status, string code, string message) =>
        Results.Content(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>",
            "application/xml", Encoding.UTF8, status);

    private static IResult Ok(object value) => Results.Json(value, AmcJson.Options);

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}
