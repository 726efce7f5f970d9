using System.Diagnostics;
using System.Text.Json;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Tests.Amc;

public sealed class AmcReportingClientTests : IAsyncLifetime
{
    private const string InstancePath = "/amc/instances/amcabc12345";
    private const string ExecutionsPath = "/amc/reporting/amcabc12345/workflowExecutions";
    private const string WorkflowsPath = "/amc/reporting/amcabc12345/workflows";

    private const string PendingExecution = """
        {"workflowExecutionId": "exec-1", "workflowId": "wf.one", "status": "PENDING",
         "createTime": "2025-03-01T12:00:00Z", "expireTime": "2025-03-08T12:00:00Z"}
        """;

    private FakeAmazon _amazon = null!;
    private AmcTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _amazon = await FakeAmazon.StartAsync();
        _host = await AmcTestHost.StartAsync(_amazon.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _amazon.DisposeAsync();
    }

    [Fact]
    public async Task GetInstanceAsync_SendsTheFourAmcHeaders_AndReadsTheInstance()
    {
        _amazon.Handler = _ => FakeAnswer.Json("""
            {"instanceId": "amcabc12345", "instanceName": "Main", "instanceType": "STANDARD",
             "creationStatus": "COMPLETED", "creationDatetime": "2024-01-01T00:00:00Z"}
            """);

        var info = await _host.Client.GetInstanceAsync(AmcTestHost.Target(), default);

        Assert.Equal(new AmcInstanceInfo("amcabc12345", "Main", "COMPLETED", null), info);
        var request = Assert.Single(_amazon.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(InstancePath, request.Path);
        Assert.Equal("Bearer access-1", request.Header("Authorization"));
        Assert.Equal(LwaOptions.DefaultClientId, request.Header("Amazon-Advertising-API-ClientId"));
        Assert.Equal("ENTITY1TEST", request.Header("Amazon-Advertising-API-AdvertiserId"));
        Assert.Equal("ATVPDKIKX0DER", request.Header("Amazon-Advertising-API-MarketplaceId"));
    }

    [Fact]
    public async Task UpsertWorkflowAsync_NewWorkflow_ReplaceFindsNoneThenCreatesWithAmcShape()
    {
        _amazon.Handler = r => r.Method == "PUT"
            ? FakeAnswer.Error(404, "NOT_FOUND", "Workflow wf.one was not found")
            : FakeAnswer.Json("""{"workflowId": "wf.one"}""");
        var workflow = new AmcSavedWorkflow(
            "wf.one",
            "SELECT campaign FROM dsp_impressions WHERE campaign IN (CUSTOM_PARAMETER('campaigns'))",
            [
                new AmcInputParameter("campaigns", "ARRAY<STRING>", null),
                new AmcInputParameter("minimum", "INTEGER", JsonDocument.Parse("5").RootElement),
            ]);

        await _host.Client.UpsertWorkflowAsync(AmcTestHost.Target(), workflow, default);

        Assert.Equal(["PUT " + WorkflowsPath + "/wf.one", "POST " + WorkflowsPath], Calls());
        var body = JsonDocument.Parse(_amazon.Requests[1].Body).RootElement;
        Assert.Equal("wf.one", body.GetProperty("workflowId").GetString());
        Assert.Equal(workflow.SqlQuery, body.GetProperty("sqlQuery").GetString());
        var parameters = body.GetProperty("inputParameters");
        Assert.Equal("campaigns", parameters[0].GetProperty("name").GetString());
        var arrayType = parameters[0].GetProperty("dataType");
        Assert.Equal("STRING", arrayType.GetProperty("elementDataType").GetString());
        Assert.False(parameters[0].TryGetProperty("defaultValue", out _));
        Assert.Equal("INTEGER", parameters[1].GetProperty("dataType").GetString());
        Assert.Equal(5, parameters[1].GetProperty("defaultValue").GetInt32());
    }

    [Fact]
    public async Task UpsertWorkflowAsync_ExistingWorkflow_IsReplacedWithOneCall()
    {
        _amazon.Handler = _ => FakeAnswer.Json("""{"workflowId": "wf.one"}""");

        await _host.Client.UpsertWorkflowAsync(
            AmcTestHost.Target(), new AmcSavedWorkflow("wf.one", "SELECT 1", []), default);

        Assert.Equal(["PUT " + WorkflowsPath + "/wf.one"], Calls());
        var body = JsonDocument.Parse(_amazon.Requests[0].Body).RootElement;
        Assert.Equal(0, body.GetProperty("inputParameters").GetArrayLength());
    }

    [Fact]
    public async Task UpsertWorkflowAsync_CreateLosesRace_ReplacesInstead()
    {
        _amazon.AnswerInTurn(
            FakeAnswer.Error(404, "NOT_FOUND", "Workflow wf.one was not found"),
            FakeAnswer.Error(409, "CONFLICT", "Workflow wf.one already exists"),
            FakeAnswer.Json("""{"workflowId": "wf.one"}"""));

        await _host.Client.UpsertWorkflowAsync(
            AmcTestHost.Target(), new AmcSavedWorkflow("wf.one", "SELECT 1", []), default);

        Assert.Equal(
            ["PUT " + WorkflowsPath + "/wf.one", "POST " + WorkflowsPath, "PUT " + WorkflowsPath + "/wf.one"],
            Calls());
    }

    [Fact]
    public async Task DeleteWorkflowAsync_UnknownWorkflow_IsTolerated()
    {
        _amazon.Handler = _ => FakeAnswer.Error(404, "NOT_FOUND", "Workflow wf.gone was not found");

        await _host.Client.DeleteWorkflowAsync(AmcTestHost.Target(), "wf.gone", default);

        Assert.Equal(["DELETE " + WorkflowsPath + "/wf.gone"], Calls());
    }

    [Fact]
    public async Task CreateExecutionAsync_SendsAnExplicitWindow_AndReadsThePendingExecution()
    {
        _amazon.Handler = _ => FakeAnswer.Json(PendingExecution);
        var request = new AmcExecutionRequest(
            "wf.one",
            "2025-01-01T00:00:00",
            "2025-01-31T23:59:59",
            "America/New_York",
            new Dictionary<string, JsonElement> { ["minimum"] = JsonDocument.Parse("5").RootElement },
            DisableAggregationControls: true,
            TimeoutSeconds: 3600);

        var execution = await _host.Client.CreateExecutionAsync(AmcTestHost.Target(), request, default);

        Assert.Equal("exec-1", execution.WorkflowExecutionId);
        Assert.Equal("wf.one", execution.WorkflowId);
        Assert.Equal("PENDING", execution.Status);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), execution.CreateTime);
        Assert.Null(execution.StartTime);
        Assert.Equal(["POST " + ExecutionsPath], Calls());
        var body = JsonDocument.Parse(_amazon.Requests[0].Body).RootElement;
        Assert.Equal("wf.one", body.GetProperty("workflowId").GetString());
        Assert.Equal("EXPLICIT", body.GetProperty("timeWindowType").GetString());
        Assert.Equal("2025-01-01T00:00:00", body.GetProperty("timeWindowStart").GetString());
        Assert.Equal("2025-01-31T23:59:59", body.GetProperty("timeWindowEnd").GetString());
        Assert.Equal("America/New_York", body.GetProperty("timeWindowTimeZone").GetString());
        Assert.Equal(5, body.GetProperty("parameterValues").GetProperty("minimum").GetInt32());
        Assert.True(body.GetProperty("disableAggregationControls").GetBoolean());
        Assert.Equal(3600, body.GetProperty("workflowExecutionTimeoutSeconds").GetInt32());
    }

    [Fact]
    public async Task CreateExecutionAsync_NoTimeout_LeavesAmcsDefault()
    {
        _amazon.Handler = _ => FakeAnswer.Json(PendingExecution);

        await _host.Client.CreateExecutionAsync(
            AmcTestHost.Target(),
            new AmcExecutionRequest("wf.one", "2025-01-01T00:00:00", "2025-01-02T00:00:00", "UTC", null),
            default);

        var body = JsonDocument.Parse(_amazon.Requests[0].Body).RootElement;
        Assert.False(body.TryGetProperty("workflowExecutionTimeoutSeconds", out _));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("parameterValues").ValueKind);
        Assert.False(body.GetProperty("disableAggregationControls").GetBoolean());
    }

    [Fact]
    public async Task GetExecutionAsync_Succeeded_ReadsTimesColumnsAndKeepsUnknownStatuses()
    {
        _amazon.AnswerInTurn(
            FakeAnswer.Json("""
                {"workflowExecutionId": "exec-1", "workflowId": "wf.one", "status": "SUCCEEDED",
                 "createTime": "2025-03-01T12:00:00Z", "startTime": "2025-03-01T12:00:05Z",
                 "endTime": "2025-03-01T12:15:00.000Z", "outputColumns": ["campaign", "impressions"]}
                """),
            FakeAnswer.Json("""
                {"workflowExecutionId": "exec-2", "workflowId": "wf.one", "status": "QUEUED_SOMEWHERE",
                 "statusReason": "NEW_REASON", "details": "Something new", "outputColumns": [{"name": "c1"}]}
                """));

        var succeeded = await _host.Client.GetExecutionAsync(AmcTestHost.Target(), "exec-1", default);
        var unknown = await _host.Client.GetExecutionAsync(AmcTestHost.Target(), "exec-2", default);

        Assert.Equal("SUCCEEDED", succeeded.Status);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.Zero), succeeded.StartTime);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 15, 0, TimeSpan.Zero), succeeded.EndTime);
        Assert.Equal(["campaign", "impressions"], succeeded.OutputColumns);
        Assert.Equal("QUEUED_SOMEWHERE", unknown.Status);
        Assert.Equal("NEW_REASON", unknown.StatusReason);
        Assert.Equal("Something new", unknown.Message);
        Assert.Equal(["c1"], unknown.OutputColumns);
        Assert.Equal(["GET " + ExecutionsPath + "/exec-1", "GET " + ExecutionsPath + "/exec-2"], Calls());
    }

    [Fact]
    public async Task ListExecutionsAsync_FollowsNextTokenOverAllPages()
    {
        _amazon.Handler = r => r.Query.Contains("nextToken=page%2B2", StringComparison.Ordinal)
            ? FakeAnswer.Json("""
                {"executions": [{"workflowExecutionId": "e3", "workflowId": "wf.one", "status": "FAILED"}]}
                """)
            : FakeAnswer.Json("""
                {"executions": [{"workflowExecutionId": "e1", "workflowId": "wf.one", "status": "RUNNING"},
                                {"workflowExecutionId": "e2", "workflowId": "wf.one", "status": "SUCCEEDED"}],
                 "nextToken": "page+2"}
                """);

        var executions = await _host.Client.ListExecutionsAsync(AmcTestHost.Target(), "wf.one", default);

        Assert.Equal(["e1", "e2", "e3"], executions.Select(e => e.WorkflowExecutionId));
        Assert.Equal(["?workflowId=wf.one", "?workflowId=wf.one&nextToken=page%2B2"],
            _amazon.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task CancelExecutionAsync_PutsCancelledStatus()
    {
        _amazon.Handler = _ => FakeAnswer.Json(PendingExecution.Replace("PENDING", "CANCELLED"));

        await _host.Client.CancelExecutionAsync(AmcTestHost.Target(), "exec-1", default);

        Assert.Equal(["PUT " + ExecutionsPath + "/exec-1"], Calls());
        Assert.Equal(
            "CANCELLED",
            JsonDocument.Parse(_amazon.Requests[0].Body).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CancelExecutionAsync_AlreadyEnded_ReportsAmcsRefusal()
    {
        _amazon.Handler = _ => FakeAnswer.Error(400, "BAD_REQUEST", "Execution exec-1 is SUCCEEDED");

        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => _host.Client.CancelExecutionAsync(AmcTestHost.Target(), "exec-1", default));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Execution exec-1 is SUCCEEDED", error.Message);
    }

    [Fact]
    public async Task OpenDownloadAsync_LinksFromAmc_StreamTheFileWithoutAmcHeaders()
    {
        var fileUrl = new Uri(_amazon.BaseUrl, "results/part-1.csv?X-Amz-Signature=abc").AbsoluteUri;
        _amazon.Handler = r => r.Path.StartsWith("/results/", StringComparison.Ordinal)
            ? new FakeAnswer(200, "campaign,impressions\nA,10\n", ContentType: "text/csv")
            : FakeAnswer.Json($$"""{"downloadUrls": ["{{fileUrl}}"], "metadataDownloadUrls": []}""");

        var links = await _host.Client.GetDownloadUrlsAsync(AmcTestHost.Target(), "exec-1", default);
        string content;
        await using (var stream = await _host.Client.OpenDownloadAsync(links[0], default))
        {
            using var reader = new StreamReader(stream);
            content = await reader.ReadToEndAsync();
        }

        Assert.Equal([new Uri(fileUrl)], links);
        Assert.Equal("campaign,impressions\nA,10\n", content);
        Assert.Equal(ExecutionsPath + "/exec-1/downloadUrls", _amazon.Requests[0].Path);
        var download = _amazon.Requests[1];
        Assert.Equal("?X-Amz-Signature=abc", download.Query);
        Assert.Null(download.Header("Authorization"));
        Assert.Null(download.Header("Amazon-Advertising-API-ClientId"));
        Assert.Null(download.Header("Amazon-Advertising-API-AdvertiserId"));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(410)]
    public async Task OpenDownloadAsync_ExpiredLink_ThrowsDownloadExpired(int status)
    {
        _amazon.Handler = _ => new FakeAnswer(
            status, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
            ContentType: "application/xml");

        await Assert.ThrowsAsync<AmcDownloadExpiredException>(
            () => _host.Client.OpenDownloadAsync(new Uri(_amazon.BaseUrl, "results/part-1.csv"), default));

        Assert.Single(_amazon.Requests);
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _amazon.AnswerInTurn(
            new FakeAnswer(429, """{"code": "TOO_MANY_REQUESTS", "details": "Slow down"}""",
                new Dictionary<string, string> { ["Retry-After"] = "1" }),
            FakeAnswer.Json("""{"instanceId": "amcabc12345"}"""));
        var clock = Stopwatch.StartNew();

        var info = await _host.Client.GetInstanceAsync(AmcTestHost.Target(), default);

        Assert.Equal("amcabc12345", info.InstanceId);
        Assert.Equal(2, _amazon.Requests.Count);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
        var retry = Assert.Single(_host.Logs.Entries, e => e.EventId == 5120);
        Assert.Contains("HTTP 429", retry.Message, StringComparison.Ordinal);
        Assert.Contains("GetInstance", retry.Message, StringComparison.Ordinal);
        Assert.Contains("1000 ms", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerErrors_BurstWithinTheBudget_ThenSucceeds()
    {
        _amazon.AnswerInTurn(
            FakeAnswer.Error(500, "INTERNAL_ERROR", "Internal error"),
            new FakeAnswer(502, "<html>Bad gateway</html>", ContentType: "text/html"),
            FakeAnswer.Error(503, "SERVICE_UNAVAILABLE", "Try later"),
            FakeAnswer.Json("""{"instanceId": "amcabc12345"}"""));

        var info = await _host.Client.GetInstanceAsync(AmcTestHost.Target(), default);

        Assert.Equal("amcabc12345", info.InstanceId);
        Assert.Equal(4, _amazon.Requests.Count);
        Assert.Equal(3, _host.Logs.Entries.Count(e => e.EventId == 5120));
        Assert.DoesNotContain(
            _host.Logs.Entries, e => e.Message.Contains("access-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrors_BeyondTheBudget_ThrowUnavailable()
    {
        _amazon.Handler = _ => FakeAnswer.Error(500, "INTERNAL_ERROR", "Internal error");

        var error = await Assert.ThrowsAsync<AmcUnavailableException>(
            () => _host.Client.GetInstanceAsync(AmcTestHost.Target(), default));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("Internal error", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 3, _amazon.Requests.Count);
    }

    [Fact]
    public async Task CompileError_IsNotRetried_AndKeepsAmcsMessageAndDetails()
    {
        _amazon.Handler = _ => FakeAnswer.Json(
            """
            {"code": "400", "message": "Invalid query",
             "details": "From line 3, column 8: Column 'campain' not found"}
            """,
            400);

        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => _host.Client.CreateExecutionAsync(
                AmcTestHost.Target(),
                new AmcExecutionRequest("wf.one", "2025-01-01T00:00:00", "2025-01-02T00:00:00", "UTC", null),
                default));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("400", error.Code);
        Assert.Equal("Invalid query", error.Message);
        Assert.Equal("From line 3, column 8: Column 'campain' not found", error.Details);
        Assert.Single(_amazon.Requests);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(422)]
    public async Task OtherClientErrors_AreNotRetried(int status)
    {
        _amazon.Handler = _ => FakeAnswer.Error(status, "REFUSED", "Refused for a reason");

        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => _host.Client.GetInstanceAsync(AmcTestHost.Target(), default));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("Refused for a reason", error.Message);
        Assert.Single(_amazon.Requests);
    }

    [Fact]
    public async Task Unauthorized_RefreshesTheTokenOnce_AndRetriesWithTheNewOne()
    {
        _amazon.Handler = r => r.BearerToken == "access-1"
            ? FakeAnswer.Error(401, "UNAUTHORIZED", "The access token is invalid or has expired")
            : FakeAnswer.Json("""{"instanceId": "amcabc12345"}""");

        var info = await _host.Client.GetInstanceAsync(AmcTestHost.Target(), default);

        Assert.Equal("amcabc12345", info.InstanceId);
        Assert.Equal(["access-1", "access-2"], _amazon.Requests.Select(r => r.BearerToken));
        Assert.Equal(2, _amazon.RefreshCount);
        Assert.Equal([AmcTestHost.RefreshToken, AmcTestHost.RefreshToken], _amazon.PresentedRefreshTokens);
    }

    [Fact]
    public async Task Unauthorized_AgainAfterTheRefresh_Throws401()
    {
        _amazon.Handler = _ => FakeAnswer.Error(401, "UNAUTHORIZED", "Not authorized for this advertiser");

        var error = await Assert.ThrowsAsync<AmcRequestException>(
            () => _host.Client.GetInstanceAsync(AmcTestHost.Target(), default));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Not authorized for this advertiser", error.Message);
        Assert.Equal(["access-1", "access-2"], _amazon.Requests.Select(r => r.BearerToken));
    }

    [Fact]
    public async Task Unauthorized_ManyCallsAtOnce_ShareOneRefresh()
    {
        _amazon.Handler = r => r.BearerToken == "access-1"
            ? FakeAnswer.Error(401, "UNAUTHORIZED", "Expired")
            : FakeAnswer.Json("""{"instanceId": "amcabc12345"}""");
        await _host.Tokens.GetAccessTokenAsync(AmcTestHost.UserId, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => _host.Client.GetInstanceAsync(AmcTestHost.Target(), default)));

        Assert.All(results, info => Assert.Equal("amcabc12345", info.InstanceId));
        Assert.Equal(2, _amazon.RefreshCount);
        Assert.Equal(8, _amazon.Requests.Count(r => r.BearerToken == "access-2"));
    }

    [Fact]
    public async Task AttemptTimeout_IsRetriedForReads_ButNotForExecutionCreates()
    {
        await using var host = await AmcTestHost.StartAsync(
            _amazon.BaseUrl,
            settings: new Dictionary<string, string?> { ["Amc:AttemptTimeout"] = "00:00:00.200" });
        _amazon.AnswerInTurn(
            new FakeAnswer(200, """{"instanceId": "amcabc12345"}""", Delay: TimeSpan.FromSeconds(3)),
            FakeAnswer.Json("""{"instanceId": "amcabc12345"}"""));

        var info = await host.Client.GetInstanceAsync(AmcTestHost.Target(), default);
        _amazon.Handler = _ => new FakeAnswer(200, PendingExecution, Delay: TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<AmcUnavailableException>(
            () => host.Client.CreateExecutionAsync(
                AmcTestHost.Target(),
                new AmcExecutionRequest("wf.one", "2025-01-01T00:00:00", "2025-01-02T00:00:00", "UTC", null),
                default));

        Assert.Equal("amcabc12345", info.InstanceId);
        Assert.Contains("in time", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GET", "GET", "POST"], _amazon.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData(500, 1)]
    [InlineData(502, 1)]
    [InlineData(504, 1)]
    [InlineData(503, 1 + 3)]
    [InlineData(429, 1 + 3)]
    public async Task ExecutionCreate_FaultAnswer_IsRepeatedOnlyWhenAmcSurelyDidNotActOnIt(int status, int calls)
    {
        _amazon.Handler = _ => FakeAnswer.Error(status, "FAULT", "Something went wrong");

        var error = await Assert.ThrowsAsync<AmcUnavailableException>(
            () => _host.Client.CreateExecutionAsync(
                AmcTestHost.Target(),
                new AmcExecutionRequest("wf.one", "2025-01-01T00:00:00", "2025-01-02T00:00:00", "UTC", null),
                default));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(calls, _amazon.Requests.Count);
    }

    [Fact]
    public async Task Unreachable_IsRetriedThenThrowsUnavailable()
    {
        var closedPort = new Uri("http://127.0.0.1:1/");
        await using var host = await AmcTestHost.StartAsync(
            _amazon.BaseUrl,
            settings: new Dictionary<string, string?> { ["Amc:BaseUrl"] = closedPort.AbsoluteUri });

        var error = await Assert.ThrowsAsync<AmcUnavailableException>(
            () => host.Client.GetInstanceAsync(AmcTestHost.Target(), default));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Logs.Entries.Count(e => e.EventId == 5120 && e.Message.Contains(
            "ConnectionError", StringComparison.Ordinal)));
    }

    private List<string> Calls() => [.. _amazon.Requests.Select(r => r.Method + " " + r.Path)];
}
