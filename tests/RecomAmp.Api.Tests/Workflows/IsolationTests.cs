using System.Net;

namespace RecomAmp.Api.Tests;

/// <summary>A second user must not be able to see, change or delete the first user's records.</summary>
public abstract class IsolationTests(DevHostFixture devHost)
{
    /// <summary>Over the embedded (SQLite) store.</summary>
    public sealed class Embedded(DevHostFixture devHost)
        : IsolationTests(devHost), IClassFixture<DevHostFixture>;

    /// <summary>Over the Cosmos DB store.</summary>
    public sealed class Cosmos(CosmosDevHostFixture devHost)
        : IsolationTests(devHost), IClassFixture<CosmosDevHostFixture>;

    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task EveryRoute_OtherUsersRecords_Returns404AndLeavesThemIntact()
    {
        var owner = await devHost.SignInAsync("owner@example.com");
        var intruder = await devHost.SignInAsync("intruder@example.com");
        var instance = await Client.CreateInstanceAsync(owner, "amcowner1");
        var workflow = await Client.CreateWorkflowAsync(owner, instance.Id(), "Owner's workflow",
            "SELECT campaign_id FROM dsp_impressions WHERE campaign = {{campaign}}", new { campaign = "x" });
        var instancePath = $"/api/instances/{instance.Id()}";
        var workflowPath = $"/api/workflows/{workflow.Id()}";
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, instancePath, null),
            (HttpMethod.Put, instancePath, new { name = "Taken over" }),
            (HttpMethod.Delete, instancePath, null),
            (HttpMethod.Get, workflowPath, null),
            (HttpMethod.Put, workflowPath, new { name = "Taken over" }),
            (HttpMethod.Post, workflowPath + "/preview", new { parameters = new { campaign = "y" } }),
            (HttpMethod.Delete, workflowPath, null),
        };

        foreach (var (method, path, body) in attempts)
        {
            var (response, error) = await Client.SendJsonAsync(method, path, intruder, body);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
            Assert.Equal(404, error!["status_code"]!.GetValue<int>());
        }

        var (instanceAfter, instanceBody) = await Client.SendJsonAsync(HttpMethod.Get, instancePath, owner);
        var (workflowAfter, workflowBody) = await Client.SendJsonAsync(HttpMethod.Get, workflowPath, owner);
        Assert.Equal(HttpStatusCode.OK, instanceAfter.StatusCode);
        Assert.Equal("Instance amcowner1", instanceBody!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, workflowAfter.StatusCode);
        Assert.Equal("Owner's workflow", workflowBody!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_ShowOnlyOwnRecords()
    {
        var owner = await devHost.SignInAsync("lister@example.com");
        var other = await devHost.SignInAsync("other-lister@example.com");
        var instance = await Client.CreateInstanceAsync(owner, "amclister1");
        await Client.CreateWorkflowAsync(owner, instance.Id(), "Private", "SELECT 1 AS one");

        var (_, instances) = await Client.SendJsonAsync(HttpMethod.Get, "/api/instances/", other);
        var (_, workflows) = await Client.SendJsonAsync(HttpMethod.Get, "/api/workflows/", other);

        Assert.Empty(instances!["data"]!.AsArray());
        Assert.Empty(workflows!["data"]!.AsArray());
        Assert.Equal(0, workflows["pagination"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateWorkflow_OnOtherUsersInstance_IsRejected()
    {
        var owner = await devHost.SignInAsync("instance-owner@example.com");
        var other = await devHost.SignInAsync("borrower@example.com");
        var instance = await Client.CreateInstanceAsync(owner, "amcborrowed");

        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/workflows/", other, new
        {
            name = "Borrowed",
            sql_query = "SELECT 1 AS one",
            instance_id = instance.Id(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["instance_id"]);
    }
}
