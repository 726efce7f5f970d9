using System.Net;
using System.Text.Json.Nodes;

namespace RecomAmp.Api.Tests.Instances;

/// <summary>
/// <c>POST /api/instances/{id}/test-connection</c> over DevHost, whose AMC is the Sandbox's: the user's
/// Amazon sign-in at the Sandbox is what the product's AMC client calls with.
/// </summary>
public sealed class TestConnectionApiTests(DevHostFixture devHost) : IClassFixture<DevHostFixture>
{
    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task TestConnection_SandboxInstance_SucceedsAndMarksTheInstanceHealthy()
    {
        var token = await devHost.SignInAsync("connector@example.com");
        var instance = await CreateAsync(token, "amcsandbox01", "ENTITY1SANDBOX");

        var (response, result) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/instances/{instance.Id()}/test-connection", token);
        var (_, stored) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/instances/{instance.Id()}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result!["success"]!.GetValue<bool>(), result.ToJsonString());
        Assert.True(result["response_time_ms"]!.GetValue<long>() >= 0);
        Assert.Null(result["amc_version"]);
        Assert.Null(result["data_freshness"]);
        Assert.Null(result["error"]);
        Assert.Equal("HEALTHY", stored!["health_status"]!.GetValue<string>());
        Assert.NotNull(stored["last_tested_at"]);
        Assert.Equal("ENTITY1SANDBOX", stored["amc_accounts"]!["account_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TestConnection_AdvertiserAmcRefuses_AnswersFailureAndMarksUnhealthy()
    {
        var token = await devHost.SignInAsync("refused@example.com");
        var instance = await CreateAsync(token, "amcsandbox01", "NOTANENTITY1");

        var (response, result) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/instances/{instance.Id()}/test-connection", token);
        var (_, stored) = await Client.SendJsonAsync(
            HttpMethod.Get, $"/api/instances/{instance.Id()}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(result!["success"]!.GetValue<bool>());
        Assert.Contains("403", result["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("UNHEALTHY", stored!["health_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TestConnection_WithoutAmcAccountId_Is422NamingTheField()
    {
        var token = await devHost.SignInAsync("noaccount@example.com");
        var instance = await Client.CreateInstanceAsync(token, "amcnoaccount1");

        var (response, body) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/instances/{instance.Id()}/test-connection", token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull(body!["errors"]!["amc_account_id"]);
    }

    [Fact]
    public async Task TestConnection_AnotherUsersInstance_Is404()
    {
        var owner = await devHost.SignInAsync("owner@example.com");
        var stranger = await devHost.SignInAsync("stranger@example.com");
        var instance = await CreateAsync(owner, "amcsandbox01", "ENTITY1SANDBOX");

        var (response, _) = await Client.SendJsonAsync(
            HttpMethod.Post, $"/api/instances/{instance.Id()}/test-connection", stranger);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonNode> CreateAsync(string token, string amcInstanceId, string amcAccountId)
    {
        var (response, body) = await Client.SendJsonAsync(HttpMethod.Post, "/api/instances/", token, new
        {
            instance_id = amcInstanceId,
            name = "Sandbox instance",
            region = "us-east-1",
            amc_account_id = amcAccountId,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body?.ToJsonString());
        return body!;
    }
}
