using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecomAmp.Api.Tests.DevHost.TestFunctions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>Over real HTTP, DevHost binds each supported parameter and finishes each return type.</summary>
public sealed class FunctionBindingTests(BindingFixture devHost) : IClassFixture<BindingFixture>
{
    private HttpClient Client => devHost.Client;

    [Fact]
    public async Task Request_RouteValuesAndContext_AreBoundByName()
    {
        var id = Guid.NewGuid();
        var path = Api($"binding/{id}/items/42/true/9000000000/widget");

        var body = await Client.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal(42, body.GetProperty("number").GetInt32());
        Assert.True(body.GetProperty("flag").GetBoolean());
        Assert.Equal(9_000_000_000L, body.GetProperty("big").GetInt64());
        Assert.Equal("widget", body.GetProperty("name").GetString());
        Assert.Equal("Binding_RouteValues", body.GetProperty("function").GetString());
        var entryPoint = typeof(BindingTestFunctions).FullName + ".RouteValues";
        Assert.Equal(entryPoint, body.GetProperty("entry_point").GetString());
        Assert.Equal("httpTrigger", body.GetProperty("trigger_binding").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("invocation_id").GetString(), out _));
        Assert.True(body.GetProperty("same_services").GetBoolean());
        Assert.True(body.GetProperty("same_http_context").GetBoolean());
        Assert.True(body.GetProperty("request_aborted").GetBoolean());
    }

    [Fact]
    public async Task Requests_TwoCalls_GetTheirOwnInstanceAndInvocation()
    {
        var path = Api($"binding/{Guid.NewGuid()}/items/1/false/1/a");

        var first = await Client.GetFromJsonAsync<JsonElement>(path);
        var second = await Client.GetFromJsonAsync<JsonElement>(path);

        Assert.NotEqual(first.GetProperty("instance").GetGuid(), second.GetProperty("instance").GetGuid());
        Assert.NotEqual(
            first.GetProperty("invocation_id").GetString(), second.GetProperty("invocation_id").GetString());
    }

    [Fact]
    public async Task Request_RouteValueThatDoesNotConvert_IsNotFound()
    {
        using var response = await Client.GetAsync(Api("binding/numbers/twelve"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_OptionalRouteValueAbsent_BindsNull()
    {
        var absent = await Client.GetFromJsonAsync<JsonElement>(Api("binding/optional"));
        var present = await Client.GetFromJsonAsync<JsonElement>(Api("binding/optional/3"));

        Assert.Equal(JsonValueKind.Null, absent.GetProperty("page").ValueKind);
        Assert.Equal(3, present.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Request_StaticValueTaskObjectResult_IsWrittenAsJson()
    {
        using var response = await Client.PostAsync(Api("binding/static"), content: null);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(42, body.GetProperty("answer").GetInt32());
    }

    [Fact]
    public async Task Request_TaskAndVoidFunctions_AnswerNoContent()
    {
        using var task = await Client.PostAsync(Api("binding/task"), content: null);
        using var nothing = await Client.DeleteAsync(Api("binding/void"));

        Assert.Equal(HttpStatusCode.NoContent, task.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, nothing.StatusCode);
        Assert.NotEmpty(devHost.Probe.CallsOf("Binding_Task"));
        Assert.NotEmpty(devHost.Probe.CallsOf("Binding_Void"));
        Assert.NotEmpty(devHost.Probe.CallsOf("Disposed"));
    }

    [Fact]
    public async Task Request_WrongVerb_IsNotServed()
    {
        using var response = await Client.GetAsync(Api("binding/static"));

        Assert.True(await RoutingMiss.IsRoutingMissAsync(response));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Request_TriggerWithoutVerbs_AcceptsEveryVerb(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Api("binding/any"));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_FunctionWithoutRoute_IsServedOnItsName()
    {
        using var response = await Client.GetAsync(Api("Binding_DefaultRoute"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_FunctionThrows_AnswersBare500()
    {
        using var response = await Client.GetAsync(Api("binding/failing"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_DurableClientParameter_RunsOrchestrationOnTheInProcessBackend()
    {
        using var response = await Client.PostAsync(Api("binding/orchestrations/hello"), content: null);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HELLO", body.GetProperty("output").GetString());
    }

    private static Uri Api(string path) => new("/api/" + path, UriKind.Relative);
}
