using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace RecomAmp.Api.Tests.DevHost.TestFunctions;

/// <summary>Test-only HTTP functions, one per binding DevHost supports.</summary>
public sealed class BindingTestFunctions(InvocationProbe probe) : IDisposable
{
    private const AuthorizationLevel Anonymous = AuthorizationLevel.Anonymous;

    private readonly Guid _instance = Guid.NewGuid();

    [Function("Binding_RouteValues")]
    public IActionResult RouteValues(
        [HttpTrigger(Anonymous, "get", Route = "binding/{id:guid}/items/{number}/{flag}/{big}/{name}")]
        HttpRequest request,
        Guid id,
        int number,
        bool flag,
        long big,
        string name,
        FunctionContext context,
        CancellationToken cancellationToken) =>
        new JsonResult(new
        {
            id,
            number,
            flag,
            big,
            name,
            function = context.FunctionDefinition.Name,
            invocation_id = context.InvocationId,
            entry_point = context.FunctionDefinition.EntryPoint,
            trigger_binding = context.FunctionDefinition.InputBindings[nameof(request)].Type,
            same_services = ReferenceEquals(context.InstanceServices, request.HttpContext.RequestServices),
            same_http_context = ReferenceEquals(context.GetHttpContext(), request.HttpContext),
            request_aborted = cancellationToken == request.HttpContext.RequestAborted,
            instance = _instance,
        });

    [Function("Binding_Number")]
    public static IActionResult Number(
        [HttpTrigger(Anonymous, "get", Route = "binding/numbers/{value}")] HttpRequest request, int value) =>
        new OkObjectResult(new { value });

    [Function("Binding_Optional")]
    public static IActionResult Optional(
        [HttpTrigger(Anonymous, "get", Route = "binding/optional/{page?}")] HttpRequest request, int? page) =>
        new OkObjectResult(new { page });

    [Function("Binding_Static")]
    public static ValueTask<IActionResult> Static(
        [HttpTrigger(Anonymous, "post", Route = "binding/static")] HttpRequest request) =>
        ValueTask.FromResult<IActionResult>(
            new ObjectResult(new { Answer = 42 }) { StatusCode = StatusCodes.Status201Created });

    [Function("Binding_Task")]
    public async Task Completed([HttpTrigger(Anonymous, "post", Route = "binding/task")] HttpRequest request)
    {
        await Task.Yield();
        probe.Record("Binding_Task");
    }

    [Function("Binding_Void")]
    public void Nothing([HttpTrigger(Anonymous, "delete", Route = "binding/void")] HttpRequest request) =>
        probe.Record("Binding_Void");

    [Function("Binding_AnyVerb")]
    public static Task<IActionResult> AnyVerb(
        [HttpTrigger(Anonymous, Route = "binding/any")] HttpRequest request) =>
        Task.FromResult<IActionResult>(new ContentResult { Content = request.Method, StatusCode = 200 });

    [Function("Binding_DefaultRoute")]
    public static IActionResult DefaultRoute([HttpTrigger(Anonymous, "get")] HttpRequest request) =>
        new OkResult();

    [Function("Binding_Failing")]
    public static IActionResult Failing(
        [HttpTrigger(Anonymous, "get", Route = "binding/failing")] HttpRequest request) =>
        throw new InvalidOperationException("This function always fails.");

    [Function("Binding_Orchestration")]
    public static async Task<IActionResult> Orchestration(
        [HttpTrigger(Anonymous, "post", Route = "binding/orchestrations/{text}")] HttpRequest request,
        string text,
        [DurableClient] DurableTaskClient client)
    {
        var aborted = request.HttpContext.RequestAborted;
        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(
            TestTasks.ShoutOrchestration, text, aborted);
        var finished = await client.WaitForInstanceCompletionAsync(
            instanceId, getInputsAndOutputs: true, aborted);
        return new JsonResult(new { instance_id = instanceId, output = finished.ReadOutputAs<string>() });
    }

    public void Dispose() => probe.Record("Disposed");
}
