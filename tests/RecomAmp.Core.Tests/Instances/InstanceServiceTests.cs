using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Tests.Workflows;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Tests.Instances;

public sealed class InstanceServiceTests : IDisposable
{
    private const string Alice = "user-alice";
    private const string Bob = "user-bob";

    private readonly ServiceTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Create_ValidRequest_StoresInstanceWithDefaults()
    {
        var request = new CreateInstanceRequest("amcibersblt", "  Production AMC ", "Main instance");

        var instance = await _host.Instances.CreateAsync(Alice, request, default);

        Assert.True(Guid.TryParse(instance.Id, out _));
        Assert.Equal("amcibersblt", instance.AmcInstanceId);
        Assert.Equal("Production AMC", instance.Name);
        Assert.Equal("Main instance", instance.Description);
        Assert.Equal("us-east-1", instance.Region);
        Assert.Null(instance.AccountId);
        Assert.True(instance.IsActive);
        Assert.Equal(InstanceHealthStatus.Unknown, instance.HealthStatus);
        Assert.Null(instance.AmcAccount);
        Assert.Equal(_host.Clock.GetUtcNow(), instance.CreatedAt);
        Assert.Equal(instance, await _host.Instances.GetAsync(Alice, instance.Id, default));
    }

    [Fact]
    public async Task Create_AllFields_AreKept()
    {
        var request = new CreateInstanceRequest(
            "amceu1", "EU", null, "eu-west-1", "account-1", false, new AmcAccountInput("ENTITY1", "Acme"));

        var instance = await _host.Instances.CreateAsync(Alice, request, default);

        Assert.Equal("eu-west-1", instance.Region);
        Assert.Equal("account-1", instance.AccountId);
        Assert.False(instance.IsActive);
        Assert.Equal(new AmcAccountSummary("ENTITY1", "Acme"), instance.AmcAccount);
    }

    [Fact]
    public async Task Create_ResponseShape_UsesInstanceIdForAmcId()
    {
        var instance = await AddAsync("amcabc", "A");

        var json = JsonSerializer.SerializeToElement(InstanceResponse.From(instance), RecomAmpJson.Options);

        Assert.Equal("amcabc", json.GetProperty("instance_id").GetString());
        Assert.Equal(instance.Id, json.GetProperty("id").GetString());
        Assert.Equal("UNKNOWN", json.GetProperty("health_status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("amc_accounts").ValueKind);
        Assert.False(json.TryGetProperty("user_id", out _));
    }

    [Fact]
    public async Task Create_FromJsonBody_BindsTheApiFieldNames()
    {
        var request = JsonSerializer.Deserialize<CreateInstanceRequest>(
            """
            {
              "instance_id": "amcjson", "name": "From JSON", "region": "eu-west-1", "account_id": "acc",
              "amc_accounts": {"account_id": "ENTITY9", "account_name": "Nine"}, "unexpected": [1, 2]
            }
            """,
            RecomAmpJson.Options)!;

        var instance = await _host.Instances.CreateAsync(Alice, request, default);

        Assert.Equal("amcjson", instance.AmcInstanceId);
        Assert.Equal("eu-west-1", instance.Region);
        Assert.Equal("acc", instance.AccountId);
        Assert.Equal(new AmcAccountSummary("ENTITY9", "Nine"), instance.AmcAccount);
    }

    [Fact]
    public async Task Create_MissingFields_ReportsEachField()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Instances.CreateAsync(Alice, new CreateInstanceRequest(), default));

        Assert.Equal(["instance_id", "name"], error.Errors!.Keys.Order());
        Assert.Equal("This field is required", error.Errors["name"][0]);
    }

    [Theory]
    [InlineData("AMCUPPER")]
    [InlineData("1amc")]
    [InlineData("am")]
    [InlineData("amc-dash")]
    [InlineData("amc\n")]
    public async Task Create_BadAmcInstanceId_IsRejected(string amcInstanceId)
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Instances.CreateAsync(Alice, new CreateInstanceRequest(amcInstanceId, "A"), default));

        Assert.Equal(["instance_id"], error.Errors!.Keys);
    }

    [Fact]
    public async Task Create_OverlongOrInvalidFields_ReportsEachField()
    {
        var request = new CreateInstanceRequest(
            "amcok1",
            new string('n', 201),
            new string('d', 2001),
            "ap-south-1",
            new string('a', 201),
            AmcAccounts: new AmcAccountInput(null, new string('x', 201)));

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Instances.CreateAsync(Alice, request, default));

        Assert.Equal(
            ["account_id", "amc_accounts.account_id", "amc_accounts.account_name", "description", "name",
                "region"],
            error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Create_DuplicateAmcInstanceId_Conflicts()
    {
        await AddAsync("amcdup", "First");

        var error = await Assert.ThrowsAsync<ResourceConflictException>(
            () => AddAsync("amcdup", "Second"));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal(["instance_id"], error.Errors!.Keys);
        Assert.Single(await _host.Instances.ListAsync(Alice, activeOnly: false, default));
    }

    [Fact]
    public async Task Create_SameAmcInstanceIdForAnotherUser_Succeeds()
    {
        await AddAsync("amcshared", "Alice's");

        var bobs = await AddAsync("amcshared", "Bob's", Bob);

        Assert.Equal("amcshared", bobs.AmcInstanceId);
    }

    [Fact]
    public async Task Create_ConcurrentDuplicates_ExactlyOneWins()
    {
        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => _host.Instances.CreateAsync(
                Alice, new CreateInstanceRequest("amcrace", $"Racer {i}"), default)))
            .ToList();

        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                await attempt;
                return "created";
            }
            catch (ResourceConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(1, outcomes.Count(outcome => outcome == "created"));
        Assert.Equal(7, outcomes.Count(outcome => outcome == "conflict"));
        Assert.Single(await _host.Instances.ListAsync(Alice, activeOnly: false, default));
    }

    [Fact]
    public async Task Create_AfterDelete_CanReuseTheAmcInstanceId()
    {
        var first = await AddAsync("amcreuse", "One");
        await _host.Instances.DeleteAsync(Alice, first.Id, default);

        var second = await AddAsync("amcreuse", "Two");

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Create_ReservationLeftByAFailedCreate_IsReclaimedOnlyWhenOld()
    {
        var reservationId = AmcInstanceIdReservation.DocumentIdFor("amcleft");
        var leftover = new AmcInstanceIdReservation(
            reservationId, Alice, "amcleft", Guid.NewGuid().ToString(), _host.Clock.GetUtcNow());
        await _host.Store.CreateAsync(StorageContainers.Instances, Alice, reservationId, leftover, default);

        await Assert.ThrowsAsync<ResourceConflictException>(
            () => AddAsync("amcleft", "Young"));
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        var instance = await AddAsync("amcleft", "Old");

        Assert.Equal("amcleft", instance.AmcInstanceId);
    }

    [Fact]
    public async Task Get_AnotherUsersInstance_IsNotFound()
    {
        var instance = await AddAsync("amcmine", "Mine");

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Instances.GetAsync(Bob, instance.Id, default));

        Assert.Equal(404, error.StatusCode);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("amc_instance_id.amcmine")]
    [InlineData("8d0f7c8e-2b7a-4f7e-9d43-3a4c7b2f9e10")]
    public async Task Get_UnknownOrForeignShapedId_IsNotFound(string id)
    {
        await AddAsync("amcmine", "Mine");

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Instances.GetAsync(Alice, id, default));
    }

    [Fact]
    public async Task List_ShowsOnlyOwnInstancesNewestFirstWithoutReservations()
    {
        var older = await AddAsync("amcone", "One");
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await AddAsync("amctwo", "Two");
        await AddAsync("amcbob", "Bob's", Bob);

        var list = await _host.Instances.ListAsync(Alice, activeOnly: false, default);

        Assert.Equal([newer.Id, older.Id], list.Select(instance => instance.Id));
    }

    [Fact]
    public async Task List_ActiveOnly_LeavesOutInactiveInstances()
    {
        var active = await AddAsync("amcon", "On");
        await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcoff", "Off", IsActive: false), default);

        var list = await _host.Instances.ListAsync(Alice, activeOnly: true, default);

        Assert.Equal([active.Id], list.Select(instance => instance.Id));
    }

    [Fact]
    public async Task Update_GivenFields_ChangeAndOthersStay()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcupd", "Old", "Keep me", AccountId: "acc"), default);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await _host.Instances.UpdateAsync(
            Alice,
            instance.Id,
            new UpdateInstanceRequest(Name: "New", IsActive: false, Region: "us-west-2"),
            default);

        Assert.Equal("New", updated.Name);
        Assert.False(updated.IsActive);
        Assert.Equal("us-west-2", updated.Region);
        Assert.Equal("Keep me", updated.Description);
        Assert.Equal("acc", updated.AccountId);
        Assert.Equal("amcupd", updated.AmcInstanceId);
        Assert.Equal(instance.CreatedAt, updated.CreatedAt);
        Assert.Equal(_host.Clock.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal(updated, await _host.Instances.GetAsync(Alice, instance.Id, default));
    }

    [Fact]
    public async Task Update_EmptyDescription_ClearsIt()
    {
        var instance = await _host.Instances.CreateAsync(
            Alice, new CreateInstanceRequest("amcclr", "A", "Some text"), default);

        var updated = await _host.Instances.UpdateAsync(
            Alice, instance.Id, new UpdateInstanceRequest(Description: ""), default);

        Assert.Null(updated.Description);
    }

    [Fact]
    public async Task Update_InvalidFields_AreRejectedAndNothingChanges()
    {
        var instance = await AddAsync("amcinv", "A");

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Instances.UpdateAsync(
            Alice, instance.Id, new UpdateInstanceRequest(Name: " ", Region: "mars-1"), default));

        Assert.Equal(["name", "region"], error.Errors!.Keys.Order());
        Assert.Equal(instance, await _host.Instances.GetAsync(Alice, instance.Id, default));
    }

    [Fact]
    public async Task Update_WhenAnotherWriteLandsFirst_RetriesAndKeepsBothChanges()
    {
        var instance = await AddAsync("amcconc", "A");
        _host.Store.BeforeReplace = async (container, id) =>
        {
            _host.Store.BeforeReplace = null;
            var current = await _host.Store.Inner.ReadAsync<AmcInstance>(container, Alice, id, default);
            await _host.Store.Inner.ReplaceAsync(
                container, Alice, id, current!.Document with { Description = "D" }, current.ETag, default);
        };

        var updated = await _host.Instances.UpdateAsync(
            Alice, instance.Id, new UpdateInstanceRequest(Name: "B"), default);

        Assert.Equal("B", updated.Name);
        Assert.Equal("D", updated.Description);
        Assert.Equal(updated, await _host.Instances.GetAsync(Alice, instance.Id, default));
    }

    [Fact]
    public async Task Update_WhenTheInstanceKeepsChanging_Conflicts()
    {
        var instance = await AddAsync("amcbusy", "A");
        var writes = 0;
        _host.Store.BeforeReplace = async (container, id) =>
        {
            var current = await _host.Store.Inner.ReadAsync<AmcInstance>(container, Alice, id, default);
            await _host.Store.Inner.ReplaceAsync(
                container, Alice, id, current!.Document with { Description = $"W{++writes}" }, null, default);
        };

        var error = await Assert.ThrowsAsync<ResourceConflictException>(() => _host.Instances.UpdateAsync(
            Alice, instance.Id, new UpdateInstanceRequest(Name: "B"), default));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal("A", (await _host.Instances.GetAsync(Alice, instance.Id, default)).Name);
    }

    [Fact]
    public async Task UpdateAndDelete_AnotherUsersInstance_AreNotFoundAndChangeNothing()
    {
        var instance = await AddAsync("amcown", "A");

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _host.Instances.UpdateAsync(
            Bob, instance.Id, new UpdateInstanceRequest(Name: "Stolen"), default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Instances.DeleteAsync(Bob, instance.Id, default));

        Assert.Equal(instance, await _host.Instances.GetAsync(Alice, instance.Id, default));
    }

    [Fact]
    public async Task Delete_RemovesTheInstanceAndOnlyItsWorkflows()
    {
        var doomed = await AddAsync("amcgone", "Gone");
        var kept = await AddAsync("amckept", "Kept");
        for (var i = 0; i < 3; i++)
        {
            await _host.Workflows.CreateAsync(Alice, NewWorkflow(doomed.Id, $"Doomed {i}"), default);
        }

        var survivor = await _host.Workflows.CreateAsync(Alice, NewWorkflow(kept.Id, "Survivor"), default);

        await _host.Instances.DeleteAsync(Alice, doomed.Id, default);

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Instances.GetAsync(Alice, doomed.Id, default));
        var remaining = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(), default);
        Assert.Equal([survivor.Id], remaining.Data.Select(workflow => workflow.Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Instances.DeleteAsync(Alice, doomed.Id, default));
    }

    [Fact]
    public async Task Delete_WorkflowCreatedWhileDeleting_IsRemovedToo()
    {
        var instance = await AddAsync("amclate", "Late");
        _host.Store.BeforeDelete = async (container, id) =>
        {
            if (id == instance.Id)
            {
                _host.Store.BeforeDelete = null;
                await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Late arrival"), default);
            }
        };

        await _host.Instances.DeleteAsync(Alice, instance.Id, default);

        var remaining = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(), default);
        Assert.Equal(0, remaining.Pagination.Total);
    }

    [Fact]
    public async Task Delete_ManyWorkflows_AreAllRemoved()
    {
        var instance = await AddAsync("amcmany", "Many");
        for (var i = 0; i < 230; i++)
        {
            await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, $"W{i}"), default);
        }

        await _host.Instances.DeleteAsync(Alice, instance.Id, default);

        var remaining = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(), default);
        Assert.Equal(0, remaining.Pagination.Total);
    }

    private Task<AmcInstance> AddAsync(string amcInstanceId, string name, string userId = Alice) =>
        _host.Instances.CreateAsync(userId, new CreateInstanceRequest(amcInstanceId, name), default);

    private static CreateWorkflowRequest NewWorkflow(string instanceId, string name) =>
        new(Name: name, SqlQuery: "SELECT 1", InstanceId: instanceId);
}
