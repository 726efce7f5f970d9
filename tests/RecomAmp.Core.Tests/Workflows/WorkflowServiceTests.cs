using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Tests.Workflows;

public sealed class WorkflowServiceTests : IDisposable
{
    private const string Alice = "user-alice";
    private const string Bob = "user-bob";

    private readonly ServiceTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Create_ValidRequest_StoresWorkflowWithDefaults()
    {
        var instance = await NewInstanceAsync(Alice, "amcwf");
        var request = Body("""
            {
              "name": " Campaign Analysis ",
              "description": "Daily",
              "sql_query": "SELECT * FROM campaigns WHERE d >= '{{start_date}}' LIMIT {{limit}}",
              "instance_id": "INSTANCE",
              "parameters": {"start_date": "2024-01-01", "limit": 1.50},
              "tags": ["analysis", " campaigns ", "analysis"],
              "unknown_field": {"ignored": true}
            }
            """.Replace("INSTANCE", instance.Id, StringComparison.Ordinal));

        var workflow = await _host.Workflows.CreateAsync(Alice, request, default);

        Assert.True(Guid.TryParse(workflow.Id, out _));
        Assert.Equal("Campaign Analysis", workflow.Name);
        Assert.Equal(["analysis", "campaigns"], workflow.Tags);
        Assert.False(workflow.IsPublic);
        Assert.Null(workflow.TemplateId);
        Assert.Null(workflow.LastExecutedAt);
        Assert.Equal(_host.Clock.GetUtcNow(), workflow.CreatedAt);
        var stored = await _host.Workflows.GetAsync(Alice, workflow.Id, default);
        Assert.Equal("1.50", stored.Parameters["limit"].GetRawText());
        Assert.Equal(workflow.SqlQuery, stored.SqlQuery);
    }

    [Fact]
    public async Task Create_ResponseShape_MatchesTheRouteContract()
    {
        var instance = await NewInstanceAsync(Alice, "amcshape");
        var workflow = await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "W") with { TemplateId = "tpl-1", IsPublic = true }, default);

        var json = JsonSerializer.SerializeToElement(WorkflowResponse.From(workflow), RecomAmpJson.Options);

        Assert.Equal(
            ["created_at", "description", "id", "instance_id", "is_public", "last_executed_at", "name",
                "parameters", "sql_query", "tags", "template_id", "updated_at"],
            json.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("last_executed_at").ValueKind);
        Assert.Equal("tpl-1", json.GetProperty("template_id").GetString());
    }

    [Fact]
    public async Task Create_MissingFields_ReportsEachRequiredField()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, new CreateWorkflowRequest(), default));

        Assert.Equal(["instance_id", "name", "sql_query"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Create_OverlongFields_ReportsEachField()
    {
        var instance = await NewInstanceAsync(Alice, "amclong");
        var request = new CreateWorkflowRequest(
            Name: new string('n', 201),
            Description: new string('d', 2001),
            SqlQuery: "SELECT '" + new string('x', 100_000) + "'",
            InstanceId: instance.Id,
            TemplateId: new string('t', 201));

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, request, default));

        Assert.Equal(["description", "name", "sql_query", "template_id"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Create_MalformedSql_IsReportedOnSqlQuery()
    {
        var instance = await NewInstanceAsync(Alice, "amcbadsql");

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "W") with { SqlQuery = "SELECT {{ bad-name }}" }, default));

        Assert.Contains("Malformed placeholder", error.Errors!["sql_query"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadTags_ReportsEachTag()
    {
        var instance = await NewInstanceAsync(Alice, "amctags");
        var request = NewWorkflow(instance.Id, "W") with { Tags = ["ok", "", null, new string('t', 51)] };

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, request, default));

        Assert.Equal(["tags[1]", "tags[2]", "tags[3]"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Create_TooManyTags_IsRejected()
    {
        var instance = await NewInstanceAsync(Alice, "amcmanytags");
        var tags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToList();
        var request = NewWorkflow(instance.Id, "W") with { Tags = tags };

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, request, default));

        Assert.Equal(["tags"], error.Errors!.Keys);
    }

    [Fact]
    public async Task Create_BadParameters_ReportsEachParameter()
    {
        var instance = await NewInstanceAsync(Alice, "amcparams");
        var request = Body($$"""
            {
              "name": "W", "sql_query": "SELECT 1", "instance_id": "{{instance.Id}}",
              "parameters": {"ok": [1, 2], "nothing": null, "obj": {"a": 1}, "empty": [], "bad-name": 1,
                             "long": "{{new string('x', 10_001)}}"}
            }
            """);

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, request, default));

        Assert.Equal(
            ["parameters.bad-name", "parameters.empty", "parameters.long", "parameters.nothing",
                "parameters.obj"],
            error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Create_TooManyParameters_IsRejected()
    {
        var instance = await NewInstanceAsync(Alice, "amcmanyparams");
        var parameters = Enumerable.Range(0, 101)
            .ToDictionary(i => $"p{i}", i => JsonSerializer.SerializeToElement(i));

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "W") with { Parameters = parameters }, default));

        Assert.Equal(["parameters"], error.Errors!.Keys);
    }

    [Fact]
    public async Task Create_OnAnotherUsersInstance_SaysNoSuchInstance()
    {
        var bobsInstance = await NewInstanceAsync(Bob, "amcbobs");

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, NewWorkflow(bobsInstance.Id, "W"), default));

        Assert.Equal(["No such instance"], error.Errors!["instance_id"]);
        Assert.Equal(0, (await ListAsync(Alice, new WorkflowListQuery())).Pagination.Total);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("0b4d2c7e-9a51-4d3e-8d0e-6f1b8a2c4e77")]
    public async Task Create_OnUnknownInstance_SaysNoSuchInstance(string instanceId)
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, NewWorkflow(instanceId, "W"), default));

        Assert.Equal(["No such instance"], error.Errors!["instance_id"]);
    }

    [Fact]
    public async Task GetUpdateDeletePreview_AnotherUsersWorkflow_AreNotFound()
    {
        var instance = await NewInstanceAsync(Alice, "amciso");
        var workflow = await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Private"), default);

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Workflows.GetAsync(Bob, workflow.Id, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _host.Workflows.UpdateAsync(
            Bob, workflow.Id, new UpdateWorkflowRequest(Name: "Mine now"), default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Workflows.PreviewAsync(Bob, workflow.Id, null, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Workflows.DeleteAsync(Bob, workflow.Id, default));

        Assert.Equal("Private", (await _host.Workflows.GetAsync(Alice, workflow.Id, default)).Name);
        Assert.Equal(0, (await ListAsync(Bob, new WorkflowListQuery())).Pagination.Total);
    }

    [Fact]
    public async Task List_Paging_ReportsTotalsAndPages()
    {
        var instance = await NewInstanceAsync(Alice, "amcpages");
        var created = new List<Workflow>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, $"W{i}"), default));
            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(PageSize: 3), default);
        var last = await ListAsync(Alice, new WorkflowListQuery(Page: 3, PageSize: 3));
        var beyond = await ListAsync(Alice, new WorkflowListQuery(Page: 4, PageSize: 3));

        Assert.Equal(new Pagination(1, 3, 7, 3), first.Pagination);
        Assert.Equal(["W6", "W5", "W4"], first.Data.Select(workflow => workflow.Name));
        Assert.Equal(["W0"], last.Data.Select(workflow => workflow.Name));
        Assert.Empty(beyond.Data);
        Assert.Equal(new Pagination(4, 3, 7, 3), beyond.Pagination);
    }

    [Fact]
    public async Task List_OrdersByLastUpdateNewestFirst()
    {
        var instance = await NewInstanceAsync(Alice, "amcorder");
        var older = await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Older"), default);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Newer"), default);
        _host.Clock.Advance(TimeSpan.FromSeconds(1));

        await _host.Workflows.UpdateAsync(
            Alice, older.Id, new UpdateWorkflowRequest(Description: "touched"), default);
        var list = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(), default);

        Assert.Equal(["Older", "Newer"], list.Data.Select(workflow => workflow.Name));
    }

    [Theory]
    [InlineData(0, 50, "page")]
    [InlineData(1, 0, "page_size")]
    [InlineData(1, 201, "page_size")]
    public async Task List_OutOfRangePage_NamesTheParameter(int page, int pageSize, string field)
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.ListAsync(
            Alice, new WorkflowListQuery(Page: page, PageSize: pageSize), default));

        Assert.Equal([field], error.Errors!.Keys);
    }

    [Fact]
    public async Task List_Search_MatchesNameOrDescriptionIgnoringCase()
    {
        var instance = await NewInstanceAsync(Alice, "amcsearch");
        await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Campaign Overlap"), default);
        await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "Path") with { Description = "conversion PATHS by campaign" },
            default);
        await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Reach"), default);

        var list = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(Search: "CAMPAIGN"), default);

        Assert.Equal(["Campaign Overlap", "Path"], list.Data.Select(workflow => workflow.Name).Order());
        Assert.Equal(2, list.Pagination.Total);
    }

    [Fact]
    public async Task List_Tags_MatchAnyOfTheGivenTags()
    {
        var instance = await NewInstanceAsync(Alice, "amctagged");
        await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "A") with { Tags = ["daily"] }, default);
        await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "B") with { Tags = ["weekly", "brand"] }, default);
        await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "C") with { Tags = ["monthly"] }, default);
        await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "D"), default);

        var list = await ListAsync(Alice, new WorkflowListQuery(Tags: ["daily", "brand"]));

        Assert.Equal(["A", "B"], list.Data.Select(workflow => workflow.Name).Order());
    }

    [Fact]
    public async Task List_InstanceFilter_ShowsThatInstancesWorkflowsOnly()
    {
        var one = await NewInstanceAsync(Alice, "amcfilterone");
        var two = await NewInstanceAsync(Alice, "amcfiltertwo");
        await _host.Workflows.CreateAsync(Alice, NewWorkflow(one.Id, "On one"), default);
        await _host.Workflows.CreateAsync(Alice, NewWorkflow(two.Id, "On two"), default);

        var list = await _host.Workflows.ListAsync(Alice, new WorkflowListQuery(InstanceId: two.Id), default);

        Assert.Equal(["On two"], list.Data.Select(workflow => workflow.Name));
    }

    [Fact]
    public async Task Update_GivenFields_ChangeAndOthersStay()
    {
        var instance = await NewInstanceAsync(Alice, "amcpartial");
        var other = await NewInstanceAsync(Alice, "amcpartialtwo");
        var workflow = await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "Name") with { Description = "Desc", Tags = ["a"] }, default);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));

        var updated = await _host.Workflows.UpdateAsync(
            Alice,
            workflow.Id,
            Update("""{"name": "Renamed", "tags": ["b", "c"], "instance_id": "OTHER", "is_public": true}"""
                .Replace("OTHER", other.Id, StringComparison.Ordinal)),
            default);

        Assert.Equal("Renamed", updated.Name);
        Assert.Equal(["b", "c"], updated.Tags);
        Assert.Equal(other.Id, updated.InstanceId);
        Assert.True(updated.IsPublic);
        Assert.Equal("Desc", updated.Description);
        Assert.Equal(workflow.SqlQuery, updated.SqlQuery);
        Assert.Equal(workflow.CreatedAt, updated.CreatedAt);
        Assert.Equal(_host.Clock.GetUtcNow(), updated.UpdatedAt);
    }

    [Fact]
    public async Task Update_InvalidSqlOrForeignInstance_IsRejectedAndNothingChanges()
    {
        var instance = await NewInstanceAsync(Alice, "amcupdbad");
        var bobsInstance = await NewInstanceAsync(Bob, "amcupdbob");
        var workflow = await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "W"), default);

        var badSql = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.UpdateAsync(
            Alice, workflow.Id, new UpdateWorkflowRequest(SqlQuery: "SELECT 'open"), default));
        var foreign = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.UpdateAsync(
            Alice, workflow.Id, new UpdateWorkflowRequest(InstanceId: bobsInstance.Id), default));
        var blank = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.UpdateAsync(
            Alice, workflow.Id, new UpdateWorkflowRequest(Name: "", SqlQuery: " "), default));

        Assert.Equal(["sql_query"], badSql.Errors!.Keys);
        Assert.Equal(["No such instance"], foreign.Errors!["instance_id"]);
        Assert.Equal(["name", "sql_query"], blank.Errors!.Keys.Order());
        var unchanged = await _host.Workflows.GetAsync(Alice, workflow.Id, default);
        Assert.Equal(workflow.UpdatedAt, unchanged.UpdatedAt);
        Assert.Equal(instance.Id, unchanged.InstanceId);
    }

    [Fact]
    public async Task Update_WhenAnotherWriteLandsFirst_RetriesAndKeepsBothChanges()
    {
        var instance = await NewInstanceAsync(Alice, "amcwfconc");
        var workflow = await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "W"), default);
        _host.Store.BeforeReplace = async (container, id) =>
        {
            _host.Store.BeforeReplace = null;
            var current = await _host.Store.Inner.ReadAsync<Workflow>(container, Alice, id, default);
            await _host.Store.Inner.ReplaceAsync(
                container, Alice, id, current!.Document with { Description = "D" }, current.ETag, default);
        };

        var updated = await _host.Workflows.UpdateAsync(
            Alice, workflow.Id, new UpdateWorkflowRequest(Name: "N"), default);

        Assert.Equal("N", updated.Name);
        Assert.Equal("D", updated.Description);
    }

    [Fact]
    public async Task Update_MovingToAnInstanceDeletedMeanwhile_LeavesTheWorkflowWhereItWas()
    {
        var home = await NewInstanceAsync(Alice, "amchome");
        var target = await NewInstanceAsync(Alice, "amctarget");
        var workflow = await _host.Workflows.CreateAsync(Alice, NewWorkflow(home.Id, "W"), default);
        _host.Store.BeforeReplace = async (container, _) =>
        {
            _host.Store.BeforeReplace = null;
            await _host.Instances.DeleteAsync(Alice, target.Id, default);
        };

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _host.Workflows.UpdateAsync(
            Alice, workflow.Id, new UpdateWorkflowRequest(Name: "Moved", InstanceId: target.Id), default));

        Assert.Equal(["No such instance"], error.Errors!["instance_id"]);
        var kept = await _host.Workflows.GetAsync(Alice, workflow.Id, default);
        Assert.Equal(home.Id, kept.InstanceId);
        Assert.Equal("W", kept.Name);
    }

    [Fact]
    public async Task Delete_RemovesTheWorkflow()
    {
        var instance = await NewInstanceAsync(Alice, "amcdel");
        var workflow = await _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "W"), default);

        await _host.Workflows.DeleteAsync(Alice, workflow.Id, default);

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Workflows.GetAsync(Alice, workflow.Id, default));
        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _host.Workflows.DeleteAsync(Alice, workflow.Id, default));
    }

    [Fact]
    public async Task Preview_RequestValuesOverrideSavedDefaults()
    {
        var instance = await NewInstanceAsync(Alice, "amcprev");
        var workflow = await _host.Workflows.CreateAsync(Alice, Body($$$"""
            {
              "name": "W", "instance_id": "{{{instance.Id}}}",
              "sql_query": "SELECT * FROM t WHERE d >= '{{start_date}}' AND id IN ({{ids}}) LIMIT {{limit}}",
              "parameters": {"start_date": "2024-01-01", "limit": 100, "ids": ["x"]}
            }
            """), default);

        var preview = await _host.Workflows.PreviewAsync(
            Alice, workflow.Id, Parameters("""{"ids": ["camp1", "camp'2"], "extra": true}"""), default);

        Assert.Equal(
            "SELECT * FROM t WHERE d >= '2024-01-01' AND id IN ('camp1', 'camp''2') LIMIT 100", preview.Sql);
        Assert.Equal(["start_date", "ids", "limit"], preview.ParametersUsed.Keys);
        Assert.Equal(["extra"], preview.UnusedParameters);
    }

    [Fact]
    public async Task Preview_ResponseShape_HasSqlParametersUsedAndUnused()
    {
        var instance = await NewInstanceAsync(Alice, "amcprevshape");
        var workflow = await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "W") with { SqlQuery = "SELECT {{n}}" }, default);

        var preview = await _host.Workflows.PreviewAsync(
            Alice, workflow.Id, Parameters("""{"n": 3}"""), default);
        var json = JsonSerializer.SerializeToElement(preview, RecomAmpJson.Options);

        Assert.Equal("SELECT 3", json.GetProperty("sql").GetString());
        Assert.Equal(3, json.GetProperty("parameters_used").GetProperty("n").GetInt32());
        Assert.Equal(0, json.GetProperty("unused_parameters").GetArrayLength());
    }

    [Fact]
    public async Task Preview_MissingParameters_NamesEachOne()
    {
        var instance = await NewInstanceAsync(Alice, "amcprevmiss");
        var workflow = await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "W") with { SqlQuery = "SELECT {{a}}, {{b}}, {{c}}" }, default);

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.PreviewAsync(Alice, workflow.Id, Parameters("""{"b": 1}"""), default));

        Assert.Equal(["parameters.a", "parameters.c"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Preview_InvalidOverride_IsRejected()
    {
        var instance = await NewInstanceAsync(Alice, "amcprevbad");
        var workflow = await _host.Workflows.CreateAsync(
            Alice, NewWorkflow(instance.Id, "W") with { SqlQuery = "SELECT {{a}}" }, default);

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.PreviewAsync(Alice, workflow.Id, Parameters("""{"a": null}"""), default));

        Assert.Equal(["parameters.a"], error.Errors!.Keys);
    }

    [Fact]
    public async Task Create_WhenTheInstanceIsDeletedMeanwhile_TheWorkflowDoesNotOutliveIt()
    {
        var instance = await NewInstanceAsync(Alice, "amcvanish");
        _host.Store.BeforeCreate = async (container, _) =>
        {
            _host.Store.BeforeCreate = null;
            await _host.Instances.DeleteAsync(Alice, instance.Id, default);
        };

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => _host.Workflows.CreateAsync(Alice, NewWorkflow(instance.Id, "Orphan?"), default));

        Assert.Equal(["No such instance"], error.Errors!["instance_id"]);
        Assert.Equal(0, (await ListAsync(Alice, new WorkflowListQuery())).Pagination.Total);
    }

    private async Task<AmcInstance> NewInstanceAsync(string userId, string amcInstanceId) =>
        await _host.Instances.CreateAsync(
            userId, new CreateInstanceRequest(amcInstanceId, amcInstanceId), default);

    private Task<PagedResponse<Workflow>> ListAsync(string userId, WorkflowListQuery query) =>
        _host.Workflows.ListAsync(userId, query, default);

    private static CreateWorkflowRequest NewWorkflow(string instanceId, string name) =>
        new(Name: name, SqlQuery: "SELECT 1", InstanceId: instanceId);

    private static CreateWorkflowRequest Body(string json) =>
        JsonSerializer.Deserialize<CreateWorkflowRequest>(json, RecomAmpJson.Options)!;

    private static UpdateWorkflowRequest Update(string json) =>
        JsonSerializer.Deserialize<UpdateWorkflowRequest>(json, RecomAmpJson.Options)!;

    private static Dictionary<string, JsonElement> Parameters(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, RecomAmpJson.Options)!;
}
