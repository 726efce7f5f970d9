using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RecomAmp.Sandbox.Amc;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>The AMC reporting API over HTTP, with executions that run at once.</summary>
public sealed class AmcReportingApiTests(AmcFastSandboxHost host) : IClassFixture<AmcFastSandboxHost>
{
    private const string Executions = "amc/reporting/amcsandbox01/workflowExecutions";
    private const string Workflows = "amc/reporting/amcsandbox01/workflows";
    private const string DailyQuery =
        "SELECT impression_date_utc, campaign, SUM(impressions) AS impressions, COUNT(DISTINCT user_id) AS reach " +
        "FROM dsp_impressions GROUP BY 1, 2";

    [Fact]
    public async Task ListAccounts_WithHeaders_ReturnsTheSandboxAccount()
    {
        using var client = host.Client();

        var body = await client.GetFromJsonAsync<JsonObject>("amc/accounts");

        var account = body!["amcAccounts"]![0]!;
        Assert.Equal("ENTITY1SANDBOX", (string?)account["accountId"]);
        Assert.Equal("ATVPDKIKX0DER", (string?)account["marketplaceId"]);
    }

    [Fact]
    public async Task ListInstances_ForTheDefaultAccount_ReturnsItsInstance()
    {
        using var client = host.Client();

        var body = await client.GetFromJsonAsync<JsonObject>("amc/instances");
        var one = await client.GetFromJsonAsync<JsonObject>("amc/instances/amcsandbox01");

        Assert.Equal("amcsandbox01", (string?)body!["instances"]![0]!["instanceId"]);
        Assert.Equal("amcsandbox01", (string?)one!["instanceId"]);
    }

    [Fact]
    public async Task Request_WithoutAuthorization_Returns401WithAmazonError()
    {
        using var client = host.Client(amcHeaders: false);
        client.DefaultRequestHeaders.Add("Amazon-Advertising-API-ClientId", AmcSandboxHost.ClientId);

        using var response = await client.GetAsync(new Uri("amc/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("UNAUTHORIZED", (string?)error!["code"]);
        Assert.Contains("bearer", (string?)error["details"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Request_WithUnknownToken_Returns401()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "Atza|not-issued");

        using var response = await client.GetAsync(new Uri("amc/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutClientId_Returns401()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Remove("Amazon-Advertising-API-ClientId");

        using var response = await client.GetAsync(new Uri(Executions, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutAdvertiserId_Returns403()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Remove("Amazon-Advertising-API-AdvertiserId");

        using var response = await client.GetAsync(new Uri(Executions, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("Amazon-Advertising-API-AdvertiserId", (string?)error!["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithWrongMarketplace_Returns403()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Remove("Amazon-Advertising-API-MarketplaceId");
        client.DefaultRequestHeaders.Add("Amazon-Advertising-API-MarketplaceId", "A1PA6795UKMFR9");

        using var response = await client.GetAsync(new Uri(Executions, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Request_ForUnknownInstance_Returns404()
    {
        using var client = host.Client();

        using var response = await client.GetAsync(
            new Uri("amc/reporting/NOT-AN-INSTANCE/workflows", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_ForInstanceMatchingThePattern_IsAccepted()
    {
        using var client = host.Client();

        using var response = await client.GetAsync(new Uri("amc/reporting/amcfresh123/workflows", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdHocExecution_RunsToSucceeded_AndItsCsvDownloads()
    {
        using var client = host.Client();

        using var created = await client.PostAsJsonAsync(Executions, AdHoc(DailyQuery));
        var execution = await created.Content.ReadFromJsonAsync<JsonObject>();
        var id = (string)execution!["workflowExecutionId"]!;
        var finished = await WaitForEndAsync(client, id);
        var urls = await client.GetFromJsonAsync<JsonObject>($"{Executions}/{id}/downloadUrls");
        var files = new List<string>();
        foreach (var url in urls!["downloadUrls"]!.AsArray())
        {
            using var anonymous = new HttpClient();
            files.Add(await anonymous.GetStringAsync(new Uri((string)url!)));
        }

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("PENDING", (string?)execution["status"]);
        Assert.StartsWith("transient_", (string?)execution["workflowId"], StringComparison.Ordinal);
        Assert.Equal("2025-03-01T00:00:00Z", (string?)execution["timeWindowStart"]);
        Assert.Equal("SUCCEEDED", (string?)finished["status"]);
        Assert.Equal(["impression_date_utc", "campaign", "impressions", "reach"],
            finished["outputColumns"]!.AsArray().Select(c => (string)c!));
        Assert.True(files.Count > 1, "a result over 100 rows is split over several files");
        Assert.All(files, f =>
            Assert.StartsWith("impression_date_utc,campaign,impressions,reach\n", f, StringComparison.Ordinal));
        Assert.Single(urls["metadataDownloadUrls"]!.AsArray());
    }

    [Fact]
    public async Task DownloadLink_AfterItsLifetime_Returns403Expired()
    {
        using var client = host.Client();
        var id = await SucceededExecutionAsync(client);
        var urls = await client.GetFromJsonAsync<JsonObject>($"{Executions}/{id}/downloadUrls");
        var url = new Uri((string)urls!["downloadUrls"]![0]!);

        host.Time.Advance(TimeSpan.FromMinutes(11));
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Request has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadLink_WithTamperedSignature_Returns403()
    {
        using var client = host.Client();
        var id = await SucceededExecutionAsync(client);
        var urls = await client.GetFromJsonAsync<JsonObject>($"{Executions}/{id}/downloadUrls");
        var url = (string)urls!["downloadUrls"]![0]!;

        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(new Uri(url[..^4] + "0000"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateExecution_WithSelectStar_Returns400NamingIt()
    {
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync(Executions, AdHoc("SELECT * FROM dsp_impressions"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("SELECT *", (string?)error!["details"], StringComparison.Ordinal);
        Assert.Contains("line 1, column 8", (string?)error["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateExecution_WithoutWindowBounds_Returns400()
    {
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync(Executions,
            new { workflow = new { sqlQuery = DailyQuery }, timeWindowType = "EXPLICIT" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SavedWorkflow_CreateGetListReplaceDelete_Works()
    {
        using var client = host.Client();
        var workflowId = "wf-" + Guid.NewGuid().ToString("N");
        var workflow = new { workflowId, sqlQuery = DailyQuery };

        using var created = await client.PostAsJsonAsync(Workflows, workflow);
        using var duplicate = await client.PostAsJsonAsync(Workflows, workflow);
        var read = await client.GetFromJsonAsync<JsonObject>($"{Workflows}/{workflowId}");
        var list = await client.GetFromJsonAsync<JsonObject>(Workflows);
        using var replaced = await client.PutAsJsonAsync($"{Workflows}/{workflowId}",
            new { sqlQuery = "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions GROUP BY 1" });
        var reread = await client.GetFromJsonAsync<JsonObject>($"{Workflows}/{workflowId}");
        using var deleted = await client.DeleteAsync(new Uri($"{Workflows}/{workflowId}", UriKind.Relative));
        using var gone = await client.GetAsync(new Uri($"{Workflows}/{workflowId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(DailyQuery, (string?)read!["sqlQuery"]);
        Assert.Contains(list!["workflows"]!.AsArray(), w => (string?)w!["workflowId"] == workflowId);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.StartsWith("SELECT campaign", (string?)reread!["sqlQuery"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task SavedWorkflowExecution_WithParameterValues_ReadsThemThroughCustomParameter()
    {
        using var client = host.Client();
        var workflowId = "wf-" + Guid.NewGuid().ToString("N");
        await client.PostAsJsonAsync(Workflows, new
        {
            workflowId,
            sqlQuery = "SELECT campaign, SUM(impressions) AS impressions FROM dsp_impressions " +
                "WHERE impression_hour_utc >= CUSTOM_PARAMETER('min_hour') GROUP BY 1",
            inputParameters = new[] { new { name = "min_hour", dataType = "INTEGER", defaultValue = 0 } },
        });

        using var created = await client.PostAsJsonAsync(Executions, new
        {
            workflowId,
            timeWindowType = "EXPLICIT",
            timeWindowStart = "2025-03-01T00:00:00",
            timeWindowEnd = "2025-04-01T00:00:00",
            parameterValues = new { min_hour = 23 },
        });
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;
        var finished = await WaitForEndAsync(client, id);
        var listed = await client.GetFromJsonAsync<JsonObject>($"{Executions}?workflowId={workflowId}");

        Assert.Equal("SUCCEEDED", (string?)finished["status"]);
        Assert.Equal(23, (int?)finished["parameterValues"]!["min_hour"]);
        Assert.Equal(id, (string?)listed!["executions"]![0]!["workflowExecutionId"]);
    }

    [Fact]
    public async Task Execution_WithInjectedRejection_EndsRejected()
    {
        using var client = host.Client();
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        using var fault = await admin.PostAsJsonAsync("_admin/amc/faults/executions", new { outcome = "REJECTED" });

        using var created = await client.PostAsJsonAsync(Executions, AdHoc(DailyQuery));
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;
        var finished = await WaitForEndAsync(client, id);
        using var urls = await client.GetAsync(new Uri($"{Executions}/{id}/downloadUrls", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, fault.StatusCode);
        Assert.Equal("REJECTED", (string?)finished["status"]);
        Assert.Contains("overlapping", (string?)finished["statusReason"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, urls.StatusCode);
    }

    [Fact]
    public async Task Execution_WithRuntimeError_EndsFailedWithReason()
    {
        using var client = host.Client();

        using var created = await client.PostAsJsonAsync(Executions,
            AdHoc("SELECT campaign, SUM(CAST(campaign AS INTEGER)) AS n FROM dsp_impressions GROUP BY 1"));
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;
        var finished = await WaitForEndAsync(client, id);

        Assert.Equal("FAILED", (string?)finished["status"]);
        Assert.Contains("Conversion", (string?)finished["statusReason"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancel_SucceededExecution_Returns400()
    {
        using var client = host.Client();
        var id = await SucceededExecutionAsync(client);

        using var response = await client.PutAsJsonAsync($"{Executions}/{id}", new { status = "CANCELLED" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task InjectedThrottle_AnswersNextCallWith429AndRetryAfter()
    {
        using var client = host.Client();
        host.Faults.FailNext(AmcOperation.ListWorkflows, 429);

        using var throttled = await client.GetAsync(new Uri(Workflows, UriKind.Relative));
        using var next = await client.GetAsync(new Uri(Workflows, UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task AdminFaultEndpoint_MakesTheNextCallFailWith500()
    {
        using var client = host.Client();
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };

        using var set = await admin.PostAsJsonAsync("_admin/amc/faults",
            new { operation = "ListAccounts", statusCode = 500 });
        using var failed = await client.GetAsync(new Uri("amc/accounts", UriKind.Relative));
        using var next = await client.GetAsync(new Uri("amc/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private static object AdHoc(string sql) => new
    {
        workflow = new { sqlQuery = sql },
        timeWindowType = "EXPLICIT",
        timeWindowStart = "2025-03-01T00:00:00",
        timeWindowEnd = "2025-04-01T00:00:00",
        timeWindowTimeZone = "UTC",
    };

    private static async Task<string> SucceededExecutionAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync(Executions, AdHoc(DailyQuery));
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;
        var finished = await WaitForEndAsync(client, id);
        Assert.Equal("SUCCEEDED", (string?)finished["status"]);
        return id;
    }

    private static async Task<JsonObject> WaitForEndAsync(HttpClient client, string id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var execution = await client.GetFromJsonAsync<JsonObject>($"{Executions}/{id}");
            if ((string?)execution!["status"] is not ("PENDING" or "RUNNING"))
            {
                return execution;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Execution {id} did not end.");
    }
}
