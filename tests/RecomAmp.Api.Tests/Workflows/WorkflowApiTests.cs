using System.Net;

namespace RecomAmp.Api.Tests;

public abstract class WorkflowApiTests(DevHostFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(DevHostFixture devHost)
        : WorkflowApiTests(devHost), IClassFixture<DevHostFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(CosmosDevHostFixture devHost)
        : WorkflowApiTests(devHost), IClassFixture<CosmosDevHostFixture>;

    private static readonly string[] CampaignIds = ["c1", "O'Brien"];

    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task Workflows_CreateListFilterPreviewDelete_AsTheReadmeWalksThrough()
    {
        var token = await devHost.SignInAsync("walker@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amcwalker01");
        var daily = await Client.CreateWorkflowAsync(token, instance.Id(), "Daily campaign performance",
            "SELECT campaign_id, SUM(impressions) AS impressions FROM dsp_impressions " +
            "WHERE campaign_id IN ({{campaign_ids}}) AND event_date >= '{{start_date}}' GROUP BY campaign_id",
            new { start_date = "2026-11-01" }, ["daily", "dsp"]);
        await Client.CreateWorkflowAsync(token, instance.Id(), "Path to conversion", "SELECT 1 AS one",
            tags: ["attribution"], description: "Which ads came before a purchase");

        var (_, byTag) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/?tags=dsp,unused", token);
        var (_, bySearch) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/?search=PURCHASE", token);
        var (_, byInstance) = await Client.SendJsonAsync(HttpMethod.Get,
            $"/api/workflows/?instance_id={instance.Id()}", token);
        var (previewResponse, preview) = await Client.SendJsonAsync(HttpMethod.Post,
            $"/api/workflows/{daily.Id()}/preview", token,
            new { parameters = new { campaign_ids = CampaignIds } });
        var (deleteResponse, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"/api/workflows/{daily.Id()}", token);
        var (getAfterDelete, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/workflows/{daily.Id()}", token);

        var tagged = Assert.Single(byTag!["data"]!.AsArray());
        Assert.Equal("Daily campaign performance", tagged!["name"]!.GetValue<string>());
        Assert.Equal("Path to conversion", Assert.Single(bySearch!["data"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal(2, byInstance!["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        Assert.Contains("IN ('c1', 'O''Brien')", preview!["sql"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(">= '2026-11-01'", preview["sql"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getAfterDelete.StatusCode);
    }

    [Fact]
    public async Task Preview_MissingParameters_Returns400NamingEach()
    {
        var token = await devHost.SignInAsync("previewer@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amcpreview1");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Needs two",
            "SELECT {{a}} AS a, {{b}} AS b");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post,
            $"/api/workflows/{workflow.Id()}/preview", token, new { parameters = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["parameters.a"]);
        Assert.NotNull(body["errors"]!["parameters.b"]);
    }

    [Fact]
    public async Task List_PagesThroughWorkflows()
    {
        var token = await devHost.SignInAsync("pager@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amcpager01");
        for (var i = 0; i < 5; i++)
        {
            await Client.CreateWorkflowAsync(token, instance.Id(), $"Workflow {i}", "SELECT 1 AS one");
        }

        var (_, page1) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/?page=1&page_size=2", token);
        var (_, page3) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/?page=3&page_size=2", token);
        var (_, page4) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/?page=4&page_size=2", token);

        Assert.Equal(2, page1!["data"]!.AsArray().Count);
        Assert.Equal(5, page1["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(3, page1["pagination"]!["total_pages"]!.GetValue<int>());
        Assert.Single(page3!["data"]!.AsArray());
        Assert.Empty(page4!["data"]!.AsArray());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page_size=0")]
    [InlineData("page_size=100000")]
    public async Task List_BadPaging_Returns400NamingParameter(string query)
    {
        var token = await devHost.SignInAsync("bad-pager@example.com");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/?" + query, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![query.Split('=')[0]]);
    }

    [Theory]
    [InlineData("{\"name\": ", "body")]
    [InlineData("{\"name\": 42, \"sql_query\": \"SELECT 1\", \"instance_id\": \"x\"}", "name")]
    [InlineData("{\"name\": \"ok\", \"sql_query\": \"SELECT 1\", \"instance_id\": \"x\", \"tags\": \"a\"}", "tags")]
    [InlineData("{\"sql_query\": \"SELECT 1\", \"instance_id\": \"x\"}", "name")]
    public async Task Create_BadBody_Returns400NamingField(string json, string field)
    {
        var token = await devHost.SignInAsync("bad-body@example.com");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/workflows/", token, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![field]);
    }

    [Fact]
    public async Task Create_OverlongName_Returns400AndStoresNothing()
    {
        var token = await devHost.SignInAsync("long-name@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amclongname");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/workflows/", token, new
        {
            name = new string('n', 5000),
            sql_query = "SELECT 1 AS one",
            instance_id = instance.Id(),
        });
        var (_, list) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["name"]);
        Assert.Equal(0, list!["pagination"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeleteInstance_DeletesItsWorkflows()
    {
        var token = await devHost.SignInAsync("cascader@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amccascade1");
        var workflow = await Client.CreateWorkflowAsync(token, instance.Id(), "Goes with it", "SELECT 1 AS one");

        var (delete, _) = await Client.SendJsonAsync(HttpMethod.Delete, $"/api/instances/{instance.Id()}", token);
        var (get, _) = await Client.SendJsonAsync(HttpMethod.Get, $"/api/workflows/{workflow.Id()}", token);
        var (recreate, _) = await Client.SendJsonAsync(HttpMethod.Post, "/api/instances/", token,
            new { instance_id = "amccascade1", name = "Again" });

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recreate.StatusCode);
    }

    [Fact]
    public async Task CreateInstance_DuplicateAmcId_Returns409()
    {
        var token = await devHost.SignInAsync("dup@example.com");
        await Client.CreateInstanceAsync(token, "amcdupe0001");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/instances/", token,
            new { instance_id = "amcdupe0001", name = "Second" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(409, body!["status_code"]!.GetValue<int>());
    }
}
