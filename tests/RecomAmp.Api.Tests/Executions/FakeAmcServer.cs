using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.Sandbox;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// A small stand-in for Amazon on 127.0.0.1: AMC's reporting API (saved workflows, executions, download
/// links and downloads) with answers a test can program, and the Sandbox's Login with Amazon beside it, so
/// that users' tokens outlive a DevHost restart. It fakes Amazon, not RecomAmp.
/// </summary>
/// <remarks>
/// An execution is PENDING when created, RUNNING at its first status read and finished at its second (unless
/// <see cref="HoldExecutions"/>): SUCCEEDED with <see cref="ResultFiles"/>, or the outcome queued by
/// <see cref="EndNextExecutions"/>.
/// </remarks>
public sealed class FakeAmcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _workflows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAmcExecution> _executions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeAmcCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, bool After)>> _faults =
        new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Status, string Reason)> _outcomes = new();
    private int _expiredDownloads;

    private FakeAmcServer(WebApplication app)
    {
        _app = app;
        Map(app);
    }

    /// <summary>The server's base URL, e.g. http://127.0.0.1:41234 (AMC paths start here).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The Login with Amazon base URL to configure as <c>Lwa:BaseUrl</c>.</summary>
    public string LwaBaseUrl => BaseUrl + SandboxEndpointRouteBuilderExtensions.DefaultPrefix + "/";

    /// <summary>Keeps new executions RUNNING until <see cref="Release"/>.</summary>
    public bool HoldExecutions { get; set; }

    /// <summary>The CSV files of a SUCCEEDED execution (each with its header).</summary>
    public IReadOnlyList<string> ResultFiles { get; set; } =
    [
        "campaign_id,campaign_name,impressions,spend\r\nc1,\"O'Brien, Inc\",100,1.50\r\nc2,Plain,200,2.25\r\n",
        "campaign_id,campaign_name,impressions,spend\r\nc3,\"Quote \"\"here\"\"\",300,3.00\r\n",
    ];

    /// <summary>Every AMC call received, in order.</summary>
    public IReadOnlyList<FakeAmcCall> Calls => [.. _calls];

    public IReadOnlyCollection<FakeAmcExecution> Executions => [.. _executions.Values];

    public int CallCount(string operation) => Calls.Count(call => call.Operation == operation);

    public static async Task<FakeAmcServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRecomAmpSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapRecomAmpSandbox();
        var server = new FakeAmcServer(app);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    /// <summary>
    /// The next <paramref name="count"/> calls of an operation answer <paramref name="status"/> unprocessed.
    /// </summary>
    public void FailNext(string operation, int status, int count = 1)
    {
        var queue = _faults.GetOrAdd(operation, _ => new ConcurrentQueue<(int, bool)>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((status, false));
        }
    }

    /// <summary>The next call of an operation is carried out, but answers <paramref name="status"/>.</summary>
    public void FailAfterNext(string operation, int status) =>
        _faults.GetOrAdd(operation, _ => new ConcurrentQueue<(int, bool)>()).Enqueue((status, true));

    /// <summary>The next executions end with this status and reason instead of SUCCEEDED.</summary>
    public void EndNextExecutions(string status, string reason) => _outcomes.Enqueue((status, reason));

    /// <summary>The next <paramref name="count"/> downloads answer 403 as an expired link does.</summary>
    public void ExpireNextDownloads(int count) => Interlocked.Exchange(ref _expiredDownloads, count);

    /// <summary>Lets a held execution finish at its next status read.</summary>
    public void Release(string amcExecutionId) => _executions[amcExecutionId].Held = false;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        const string workflows = "/amc/reporting/{instanceId}/workflows";
        const string executions = "/amc/reporting/{instanceId}/workflowExecutions";
        app.MapPost(workflows, (HttpContext http, string instanceId) =>
            Handle(http, "CreateWorkflow", () => CreateWorkflowAsync(http)));
        app.MapPut(workflows + "/{workflowId}", (HttpContext http, string instanceId, string workflowId) =>
            Handle(http, "UpdateWorkflow", () => UpdateWorkflowAsync(http, workflowId)));
        app.MapDelete(workflows + "/{workflowId}", (HttpContext http, string instanceId, string workflowId) =>
            Handle(http, "DeleteWorkflow", () => Task.FromResult(_workflows.TryRemove(workflowId, out _)
                ? Results.Json(new { workflowId })
                : Error(404, "Workflow not found"))));
        app.MapPost(executions, (HttpContext http, string instanceId) =>
            Handle(http, "CreateExecution", () => CreateExecutionAsync(http)));
        app.MapGet(executions, (HttpContext http, string instanceId) =>
            Handle(http, "ListExecutions", () => Task.FromResult(ListExecutions(http))));
        app.MapGet(executions + "/{executionId}", (HttpContext http, string instanceId, string executionId) =>
            Handle(http, "GetExecution", () => Task.FromResult(GetExecution(executionId))));
        app.MapPut(executions + "/{executionId}", (HttpContext http, string instanceId, string executionId) =>
            Handle(http, "CancelExecution", () => CancelExecutionAsync(http, executionId)));
        app.MapGet(executions + "/{executionId}/downloadUrls",
            (HttpContext http, string instanceId, string executionId) =>
                Handle(http, "GetDownloadUrls", () => Task.FromResult(DownloadUrls(executionId))));
        app.MapGet("/downloads/{executionId}/{index:int}", (HttpContext http, string executionId, int index) =>
            Handle(
                http, "Download", () => Task.FromResult(Download(executionId, index)), authenticated: false));
    }

    private async Task<IResult> Handle(
        HttpContext http, string operation, Func<Task<IResult>> handler, bool authenticated = true)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        _calls.Enqueue(new FakeAmcCall(operation, http.Request.Method, http.Request.Path, authorization));
        (int Status, bool After) fault = default;
        var faulted = _faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out fault);
        if (faulted && !fault.After)
        {
            return Fault(http, fault.Status);
        }

        if (authenticated && (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || string.IsNullOrEmpty(http.Request.Headers["Amazon-Advertising-API-AdvertiserId"])))
        {
            return Error(401, "Missing credentials");
        }

        var result = await handler();
        return faulted ? Fault(http, fault.Status) : result;
    }

    private async Task<IResult> CreateWorkflowAsync(HttpContext http)
    {
        var body = await JsonDocument.ParseAsync(http.Request.Body);
        var workflowId = body.RootElement.GetProperty("workflowId").GetString()!;
        var sql = body.RootElement.GetProperty("sqlQuery").GetString()!;
        return _workflows.TryAdd(workflowId, sql)
            ? Results.Json(new { workflowId })
            : Error(409, $"Workflow {workflowId} already exists");
    }

    private async Task<IResult> UpdateWorkflowAsync(HttpContext http, string workflowId)
    {
        var body = await JsonDocument.ParseAsync(http.Request.Body);
        if (!_workflows.ContainsKey(workflowId))
        {
            return Error(404, "Workflow not found");
        }

        _workflows[workflowId] = body.RootElement.GetProperty("sqlQuery").GetString()!;
        return Results.Json(new { workflowId });
    }

    private async Task<IResult> CreateExecutionAsync(HttpContext http)
    {
        var body = await JsonDocument.ParseAsync(http.Request.Body);
        var root = body.RootElement;
        var workflowId = root.GetProperty("workflowId").GetString()!;
        if (!_workflows.TryGetValue(workflowId, out var sql))
        {
            return Error(400, $"Workflow {workflowId} does not exist");
        }

        var execution = new FakeAmcExecution(
            Guid.NewGuid().ToString(),
            workflowId,
            sql,
            root.GetProperty("timeWindowStart").GetString()!,
            root.GetProperty("timeWindowEnd").GetString()!,
            root.GetProperty("timeWindowTimeZone").GetString()!,
            DateTimeOffset.UtcNow)
        {
            Held = HoldExecutions,
        };
        _executions[execution.Id] = execution;
        return Results.Json(View(execution));
    }

    private IResult ListExecutions(HttpContext http)
    {
        var workflowId = http.Request.Query["workflowId"].ToString();
        var matching = _executions.Values.Where(e => e.WorkflowId == workflowId).Select(View).ToList();
        return Results.Json(new { executions = matching, nextToken = (string?)null });
    }

    private IResult GetExecution(string executionId)
    {
        if (!_executions.TryGetValue(executionId, out var execution))
        {
            return Error(404, $"Execution {executionId} not found");
        }

        lock (execution)
        {
            execution.Reads++;
            if (execution.Status == "PENDING")
            {
                execution.Status = "RUNNING";
                execution.StartTime = DateTimeOffset.UtcNow;
            }
            else if (execution.Status == "RUNNING" && !execution.Held)
            {
                if (_outcomes.TryDequeue(out var outcome))
                {
                    execution.Status = outcome.Status;
                    execution.StatusReason = outcome.Reason;
                }
                else
                {
                    execution.Status = "SUCCEEDED";
                    execution.Files = ResultFiles;
                }

                execution.EndTime = execution.StartTime!.Value.AddSeconds(42);
            }

            return Results.Json(View(execution));
        }
    }

    private async Task<IResult> CancelExecutionAsync(HttpContext http, string executionId)
    {
        var body = await JsonDocument.ParseAsync(http.Request.Body);
        if (!_executions.TryGetValue(executionId, out var execution))
        {
            return Error(404, $"Execution {executionId} not found");
        }

        lock (execution)
        {
            if (body.RootElement.GetProperty("status").GetString() != "CANCELLED"
                || execution.Status is not ("PENDING" or "RUNNING"))
            {
                return Error(400, $"Execution {executionId} is {execution.Status}; it cannot be cancelled");
            }

            execution.Status = "CANCELLED";
            execution.StatusReason = "Cancelled by the caller";
            return Results.Json(View(execution));
        }
    }

    private IResult DownloadUrls(string executionId)
    {
        if (!_executions.TryGetValue(executionId, out var execution) || execution.Status != "SUCCEEDED")
        {
            return Error(400, "Results exist only for SUCCEEDED executions");
        }

        var urls = execution.Files.Select((_, index) => $"{BaseUrl}/downloads/{executionId}/{index}").ToList();
        return Results.Json(new { downloadUrls = urls, metadataDownloadUrls = Array.Empty<string>() });
    }

    private IResult Download(string executionId, int index)
    {
        if (Interlocked.Decrement(ref _expiredDownloads) >= 0)
        {
            return Results.Text("Request has expired", statusCode: 403);
        }

        Interlocked.Exchange(ref _expiredDownloads, 0);
        return _executions.TryGetValue(executionId, out var execution) && index < execution.Files.Count
            ? Results.Bytes(Encoding.UTF8.GetBytes(execution.Files[index]), "text/csv")
            : Results.NotFound();
    }

    private static object View(FakeAmcExecution execution) => new
    {
        workflowExecutionId = execution.Id,
        workflowId = execution.WorkflowId,
        status = execution.Status,
        statusReason = execution.StatusReason,
        createTime = execution.CreateTime.ToString("O"),
        startTime = execution.StartTime?.ToString("O"),
        endTime = execution.EndTime?.ToString("O"),
        timeWindowStart = execution.TimeWindowStart,
        timeWindowEnd = execution.TimeWindowEnd,
        timeWindowTimeZone = execution.TimeZone,
        outputColumns = execution.Status == "SUCCEEDED" && execution.Files.Count > 0
            ? execution.Files[0].Split("\r\n")[0].Split(',')
            : null,
    };

    private static IResult Fault(HttpContext http, int status)
    {
        if (status == 429)
        {
            http.Response.Headers.RetryAfter = "0";
        }

        return Error(status, $"Injected {status}");
    }

    private static IResult Error(int status, string details) =>
        Results.Json(new { code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), details },
            statusCode: status);
}
