using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;
using RecomAmp.Functions.Http;

namespace RecomAmp.Functions.Instances;

/// <summary>The AMC instance routes (<c>/api/instances/...</c>).</summary>
public sealed class InstanceFunctions(
    ApiRequestHandler handler, InstanceService instances, InstanceConnectionTester connectionTester)
{
    [Function("Instances_List")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "instances/")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
        {
            var activeOnly = QueryParameters.Flag(request, "active_only", defaultValue: false);

            var list = await instances.ListAsync(user.UserId, activeOnly, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(
                new ListResponse<InstanceResponse>([.. list.Select(InstanceResponse.From)]));
        });

    [Function("Instances_Create")]
    public Task<IActionResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "instances/")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadAsync<CreateInstanceRequest>(request);

            var instance = await instances.CreateAsync(user.UserId, body, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(InstanceResponse.From(instance), StatusCodes.Status201Created);
        });

    [Function("Instances_Get")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "instances/{instanceId}")]
        HttpRequest request,
        string instanceId) =>
        handler.RunAsync(request, async user =>
        {
            var instance = await instances.GetAsync(
                user.UserId, instanceId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(InstanceResponse.From(instance));
        });

    [Function("Instances_Update")]
    public Task<IActionResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "instances/{instanceId}")]
        HttpRequest request,
        string instanceId) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadAsync<UpdateInstanceRequest>(request);

            var instance = await instances.UpdateAsync(
                user.UserId, instanceId, body, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(InstanceResponse.From(instance));
        });

    [Function("Instances_Delete")]
    public Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "instances/{instanceId}")]
        HttpRequest request,
        string instanceId) =>
        handler.RunAsync(request, async user =>
        {
            await instances.DeleteAsync(user.UserId, instanceId, request.HttpContext.RequestAborted);

            return new NoContentResult();
        });

    [Function("Instances_TestConnection")]
    public Task<IActionResult> TestConnectionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "instances/{instanceId}/test-connection")]
        HttpRequest request,
        string instanceId) =>
        handler.RunAsync(request, async user =>
        {
            var result = await connectionTester.TestAsync(
                user.UserId, instanceId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(result);
        });
}
