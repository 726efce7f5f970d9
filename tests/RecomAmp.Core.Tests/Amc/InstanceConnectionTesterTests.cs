using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;

namespace RecomAmp.Core.Tests.Amc;

public sealed class InstanceConnectionTesterTests : IAsyncLifetime
{
    private const string User = AmcTestHost.UserId;

    private FakeAmazon _amazon = null!;
    private AmcTestHost _host = null!;

    private InstanceConnectionTester Tester => _host.Get<InstanceConnectionTester>();

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
    public async Task TestAsync_AmcAnswers_ReportsSuccessAndMarksHealthy()
    {
        _amazon.Handler = _ => FakeAnswer.Json("""{"instanceId": "amcconn01", "instanceName": "Conn"}""");
        var instance = await AddInstanceAsync(User, "ENTITY1TEST");

        var result = await Tester.TestAsync(User, instance.Id, default);
        var stored = await _host.Instances.GetAsync(User, instance.Id, default);

        Assert.True(result.Success);
        Assert.Null(result.Error);
        Assert.Null(result.AmcVersion);
        Assert.Null(result.DataFreshness);
        Assert.Equal("Conn", result.InstanceName);
        Assert.InRange(result.ResponseTimeMs, 0, 10_000);
        Assert.Equal(InstanceHealthStatus.Healthy, stored.HealthStatus);
        Assert.NotNull(stored.LastTestedAt);
        var request = Assert.Single(_amazon.Requests);
        Assert.Equal("/amc/instances/amcconn01", request.Path);
        Assert.Equal("ENTITY1TEST", request.Header("Amazon-Advertising-API-AdvertiserId"));
        Assert.Equal("A1F83G8C2ARO7P", request.Header("Amazon-Advertising-API-MarketplaceId"));
    }

    [Fact]
    public async Task TestAsync_AmcRefuses_ReportsAmcsReasonAndMarksUnhealthy()
    {
        _amazon.Handler = _ => FakeAnswer.Error(
            403, "FORBIDDEN", "Not authorized to access advertiser ENTITY1TEST");
        var instance = await AddInstanceAsync(User, "ENTITY1TEST");

        var result = await Tester.TestAsync(User, instance.Id, default);
        var stored = await _host.Instances.GetAsync(User, instance.Id, default);

        Assert.False(result.Success);
        Assert.Equal("AMC refused (HTTP 403): Not authorized to access advertiser ENTITY1TEST", result.Error);
        Assert.Equal(InstanceHealthStatus.Unhealthy, stored.HealthStatus);
    }

    [Fact]
    public async Task TestAsync_AmcDown_ReportsUnavailable()
    {
        _amazon.Handler = _ => FakeAnswer.Error(503, "SERVICE_UNAVAILABLE", "Down for maintenance");
        var instance = await AddInstanceAsync(User, "ENTITY1TEST");

        var result = await Tester.TestAsync(User, instance.Id, default);

        Assert.False(result.Success);
        Assert.Contains("Down for maintenance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_UserWithoutAmazonAuthorization_ReportsSignInAgain()
    {
        await _host.AddUserAsync("user-no-token", refreshToken: null);
        var instance = await AddInstanceAsync("user-no-token", "ENTITY1TEST");

        var result = await Tester.TestAsync("user-no-token", instance.Id, default);

        Assert.False(result.Success);
        Assert.Contains("Sign in with Amazon again", result.Error, StringComparison.Ordinal);
        Assert.Empty(_amazon.Requests);
    }

    [Fact]
    public async Task TestAsync_InstanceWithoutAmcAccountId_Is422AndCallsNothing()
    {
        var instance = await AddInstanceAsync(User, amcAccountId: null);

        var error = await Assert.ThrowsAsync<RuleViolationException>(
            () => Tester.TestAsync(User, instance.Id, default));

        Assert.Equal(["amc_account_id"], error.Errors!.Keys);
        Assert.Empty(_amazon.Requests);
        var stored = await _host.Instances.GetAsync(User, instance.Id, default);
        Assert.Equal(InstanceHealthStatus.Unknown, stored.HealthStatus);
    }

    [Fact]
    public async Task TestAsync_AnotherUsersInstance_IsNotFound()
    {
        var instance = await AddInstanceAsync(User, "ENTITY1TEST");

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => Tester.TestAsync("user-other", instance.Id, default));
    }

    private Task<AmcInstance> AddInstanceAsync(string userId, string? amcAccountId) =>
        _host.Instances.CreateAsync(
            userId,
            new CreateInstanceRequest(
                "amcconn01", "Conn", AmcAccountId: amcAccountId, MarketplaceId: "A1F83G8C2ARO7P"),
            default);
}
