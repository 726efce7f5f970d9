using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecomAmp.Api.Tests.DevHost.TestFunctions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost binds each supported parameter and finishes each supported return type over real HTTP.</summary>
public sealed class FunctionBindingTests(BindingFixture devHost) : IClassFixture<BindingFixture>
{
    [Fact]
    public async Task Request_RouteValuesAndContext_AreBoundByName()
    {
        var id = Guid.NewGuid();

        var body = await devHost.Client.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/binding/{id}/items/42/true/9000000000/widget", UriKind.Relative));

        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal(42, body.GetProperty("number").GetInt32());
        Assert.True(body.GetProperty("flag").GetBoolean());
        Assert.Equal(9_000_000_000L, body.GetProperty("big").GetInt64());
        Assert.Equal("widget", body.GetProperty("name").GetString());
        Assert.Equal("Binding_RouteValues", body.GetProperty("function").GetString());
        Assert.Equal(typeof(BindingTestFunctions).FullName + ".RouteValues", body.GetProperty("entry_point").GetString());
        Assert.Equal("httpTrigger", body.GetProperty("trigger_binding").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("invocation_id").GetString(), out _));
        Assert.True(body.GetProperty("same_services").GetBoolean());
        Assert.True(body.GetProperty("same_http_context").GetBoolean());
        Assert.True(body.GetProperty("request_aborted").GetBoolean());
    }

    [Fact]
    public async Task Requests_TwoCalls_GetTheirOwnInstanceAndInvocation()
    {
        var path = new Uri($"/api/binding/{Guid.NewGuid()}/items/1/false/1/a", UriKind.Relative);

        var first = await devHost.Client.GetFromJsonAsync<JsonElement>(path);
        var second = await devHost.Client.GetFromJsonAsync<JsonElement>(path);

        Assert.NotEqual(first.GetProperty("instance").GetGuid(), second.GetProperty("instance").GetGuid());
        Assert.NotEqual(first.GetProperty("invocation_id").GetString(), second.GetProperty("invocation_id").GetString());
    }

    [Fact]
    public async Task Request_RouteValueThatDoesNotConvert_IsNotFound()
    {
        using var response = await devHost.Client.GetAsync(new Uri("/api/binding/numbers/twelve", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_OptionalRouteValueAbsent_BindsNull()
    {
        var absent = await devHost.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/binding/optional", UriKind.Relative));
        var present = await devHost.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/binding/optional/3", UriKind.Relative));

        Assert.Equal(JsonValueKind.Null, absent.GetProperty("page").ValueKind);
        Assert.Equal(3, present.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Request_StaticValueTaskObjectResult_IsWrittenAsJson()
    {
        using var response = await devHost.Client.PostAsync(new Uri("/api/binding/static", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(42, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answer").GetInt32());
    }

    [Fact]
    public async Task Request_TaskAndVoidFunctions_AnswerNoContent()
    {
        using var task = await devHost.Client.PostAsync(new Uri("/api/binding/task", UriKind.Relative), content: null);
        using var nothing = await devHost.Client.DeleteAsync(new Uri("/api/binding/void", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, task.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, nothing.StatusCode);
        Assert.NotEmpty(devHost.Probe.CallsOf("Binding_Task"));
        Assert.NotEmpty(devHost.Probe.CallsOf("Binding_Void"));
        Assert.NotEmpty(devHost.Probe.CallsOf("Disposed"));
    }

    [Fact]
    public async Task Request_WrongVerb_IsNotServed()
    {
        using var response = await devHost.Client.GetAsync(new Uri("/api/binding/static", UriKind.Relative));

        Assert.True(await RoutingMiss.IsRoutingMissAsync(response));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Request_TriggerWithoutVerbs_AcceptsEveryVerb(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/binding/any");

        using var response = await devHost.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_FunctionWithoutRoute_IsServedOnItsName()
    {
        using var response = await devHost.Client.GetAsync(new Uri("/api/Binding_DefaultRoute", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_FunctionThrows_AnswersBare500()
    {
        using var response = await devHost.Client.GetAsync(new Uri("/api/binding/failing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_DurableClientParameter_RunsOrchestrationOnTheInProcessBackend()
    {
        using var response = await devHost.Client.PostAsync(new Uri("/api/binding/orchestrations/hello", UriKind.Relative), content: null);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HELLO", body.GetProperty("output").GetString());
    }
}
