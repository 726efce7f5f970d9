using System.Text.Json;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Tests.Workflows;

namespace RecomAmp.Core.Tests.Instances;

public sealed class InstanceAmcFieldsTests : IDisposable
{
    private const string Alice = "user-alice";
    private const string Bob = "user-bob";

    private readonly ServiceTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Create_WithAmcAccountAndMarketplace_KeepsThemAndShowsTheAccount()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice,
            new CreateInstanceRequest(
                "amceu1",
                "EU",
                Region: "eu-west-1",
                AmcAccountId: "ENTITY1SANDBOX",
                MarketplaceId: "A1F83G8C2ARO7P"),
            default);

        var json = JsonSerializer.SerializeToElement(InstanceResponse.From(instance), RecomAmpJson.Options);

        Assert.Equal(new AmcAccountSummary("ENTITY1SANDBOX", null), instance.AmcAccount);
        Assert.Equal("A1F83G8C2ARO7P", instance.MarketplaceId);
        Assert.Equal("ENTITY1SANDBOX", json.GetProperty("amc_account_id").GetString());
        var account = json.GetProperty("amc_accounts");
        Assert.Equal("ENTITY1SANDBOX", account.GetProperty("account_id").GetString());
        Assert.Equal(JsonValueKind.Null, account.GetProperty("account_name").ValueKind);
        Assert.Equal("A1F83G8C2ARO7P", json.GetProperty("marketplace_id").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("last_tested_at").ValueKind);
    }

    [Fact]
    public async Task Create_WithoutAmcFields_DefaultsToTheUsMarketplaceAndNoAccount()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcplain", "P"), default);

        var json = JsonSerializer.SerializeToElement(InstanceResponse.From(instance), RecomAmpJson.Options);

        Assert.Equal("ATVPDKIKX0DER", instance.MarketplaceId);
        Assert.Null(instance.AmcAccount);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("amc_account_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("amc_accounts").ValueKind);
    }

    [Fact]
    public void StoredInstance_WrittenBeforeTheAmcFields_ReadsWithDefaults()
    {
        const string stored = """
            {"id": "7f1c2e34-0d5e-4c39-9a51-8a7d4f0f6b11", "user_id": "u", "amc_instance_id": "amcold1",
             "name": "Old", "description": null, "region": "us-east-1", "account_id": null, "is_active": true,
             "health_status": "UNKNOWN", "amc_account": null, "created_at": "2024-01-01T00:00:00Z",
             "updated_at": "2024-01-01T00:00:00Z", "type": "amc_instance"}
            """;

        var instance = JsonSerializer.Deserialize<AmcInstance>(stored, RecomAmpJson.Options)!;

        Assert.Equal("ATVPDKIKX0DER", instance.MarketplaceId);
        Assert.Null(instance.LastTestedAt);
    }

    [Fact]
    public async Task Create_FromJson_BindsAmcAccountIdAndNameTogether()
    {
        var request = JsonSerializer.Deserialize<CreateInstanceRequest>(
            """
            {"instance_id": "amcjson2", "name": "J", "amc_account_id": "ENTITY9",
             "amc_accounts": {"account_name": "Nine"}, "marketplace_id": "A1PA6795UKMFR9"}
            """,
            RecomAmpJson.Options)!;

        var instance = await _host.Instances.CreateAsync(Alice, request, default);

        Assert.Equal(new AmcAccountSummary("ENTITY9", "Nine"), instance.AmcAccount);
        Assert.Equal("A1PA6795UKMFR9", instance.MarketplaceId);
    }

    [Theory]
    [InlineData("ENTITY-1", null, "amc_account_id")]
    [InlineData("ENTITY 1", null, "amc_account_id")]
    [InlineData(null, "atvpdkikx0der", "marketplace_id")]
    [InlineData(null, "SHORT", "marketplace_id")]
    [InlineData(null, "", "marketplace_id")]
    public async Task Create_BadAmcField_IsRejectedByName(
        string? amcAccountId, string? marketplaceId, string field)
    {
        var request = new CreateInstanceRequest(
            "amcbad1", "B", AmcAccountId: amcAccountId, MarketplaceId: marketplaceId);

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Instances.CreateAsync(Alice, request, default));

        Assert.Equal([field], error.Errors!.Keys);
    }

    [Fact]
    public async Task Create_OverlongAmcAccountId_IsRejected()
    {
        var request = new CreateInstanceRequest("amcbad2", "B", AmcAccountId: new string('E', 65));

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Instances.CreateAsync(Alice, request, default));

        Assert.Equal(["amc_account_id"], error.Errors!.Keys);
    }

    [Fact]
    public async Task Create_TwoDifferentAccountIds_AreRejected()
    {
        var request = new CreateInstanceRequest(
            "amcbad3", "B", AmcAccounts: new AmcAccountInput("ENTITY1"), AmcAccountId: "ENTITY2");

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Instances.CreateAsync(Alice, request, default));

        Assert.Equal(["amc_account_id"], error.Errors!.Keys);
    }

    [Fact]
    public async Task GetAmcTargetAsync_ConfiguredInstance_GivesWhereAmcCallsGo()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice,
            new CreateInstanceRequest(
                "amcfe1", "FE", Region: "us-west-2", AmcAccounts: new AmcAccountInput("ENTITY7")),
            default);

        var target = await _host.Instances.GetAmcTargetAsync(Alice, instance.Id, default);

        Assert.Equal(new AmcTarget(Alice, "amcfe1", "ENTITY7", "ATVPDKIKX0DER", "us-west-2"), target);
    }

    [Fact]
    public async Task GetAmcTargetAsync_WithoutAmcAccountId_Is422NamingTheField()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcnoacc", "N"), default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(
            () => _host.Instances.GetAmcTargetAsync(Alice, instance.Id, default));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal(["amc_account_id"], error.Errors!.Keys);
    }

    [Fact]
    public async Task GetAmcTargetAsync_AnotherUsersInstance_IsNotFound()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcmine", "M", AmcAccountId: "ENTITY1"), default);

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Instances.GetAmcTargetAsync(Bob, instance.Id, default));
    }

    [Fact]
    public async Task Update_EmptyAmcAccountId_ClearsTheAccount()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice,
            new CreateInstanceRequest("amcclear", "C", AmcAccounts: new AmcAccountInput("ENTITY1", "One")),
            default);

        var updated = await _host.Instances.UpdateAsync(
            Alice, instance.Id, new UpdateInstanceRequest(AmcAccountId: ""), default);

        Assert.Null(updated.AmcAccount);
    }

    [Fact]
    public async Task Update_SameAmcAccountId_KeepsTheNameAndTheHealth()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice,
            new CreateInstanceRequest("amcsame", "S", AmcAccounts: new AmcAccountInput("ENTITY1", "One")),
            default);
        await _host.Instances.RecordConnectionTestAsync(
            Alice, instance.Id, true, _host.Clock.GetUtcNow(), default);

        var updated = await _host.Instances.UpdateAsync(
            Alice, instance.Id, new UpdateInstanceRequest(Name: "Renamed", AmcAccountId: "ENTITY1"), default);

        Assert.Equal(new AmcAccountSummary("ENTITY1", "One"), updated.AmcAccount);
        Assert.Equal(InstanceHealthStatus.Healthy, updated.HealthStatus);
    }

    [Theory]
    [InlineData("ENTITY2", null, null)]
    [InlineData(null, "A1F83G8C2ARO7P", null)]
    [InlineData(null, null, "eu-west-1")]
    public async Task Update_AnotherAmcTarget_ResetsTheHealth(
        string? amcAccountId, string? marketplaceId, string? region)
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcmove", "M", AmcAccountId: "ENTITY1"), default);
        await _host.Instances.RecordConnectionTestAsync(
            Alice, instance.Id, true, _host.Clock.GetUtcNow(), default);

        var updated = await _host.Instances.UpdateAsync(
            Alice,
            instance.Id,
            new UpdateInstanceRequest(
                Region: region, AmcAccountId: amcAccountId, MarketplaceId: marketplaceId),
            default);

        Assert.Equal(InstanceHealthStatus.Unknown, updated.HealthStatus);
        Assert.Null(updated.LastTestedAt);
    }

    [Fact]
    public async Task RecordConnectionTestAsync_StoresHealthAndTime()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amctest", "T"), default);
        var testedAt = _host.Clock.GetUtcNow().AddMinutes(5);

        await _host.Instances.RecordConnectionTestAsync(Alice, instance.Id, false, testedAt, default);
        var stored = await _host.Instances.GetAsync(Alice, instance.Id, default);

        Assert.Equal(InstanceHealthStatus.Unhealthy, stored.HealthStatus);
        Assert.Equal(testedAt, stored.LastTestedAt);
        Assert.Equal(instance.UpdatedAt, stored.UpdatedAt);
    }

    [Fact]
    public async Task RecordConnectionTestAsync_ConcurrentEdit_IsReappliedOnTop()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcrace2", "R"), default);
        var interfered = false;
        _host.Store.BeforeReplace = async (_, _) =>
        {
            if (!interfered)
            {
                interfered = true;
                await _host.Instances.UpdateAsync(
                    Alice, instance.Id, new UpdateInstanceRequest(Name: "Edited"), default);
            }
        };

        var stored = await _host.Instances.RecordConnectionTestAsync(
            Alice, instance.Id, true, _host.Clock.GetUtcNow(), default);

        Assert.Equal("Edited", stored.Name);
        Assert.Equal(InstanceHealthStatus.Healthy, stored.HealthStatus);
    }
}
