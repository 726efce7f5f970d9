using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Workflows;
using RecomAmp.Functions.Http;

namespace RecomAmp.Functions.Workflows;

/// <summary>The workflow routes (<c>/api/workflows/...</c>), running them and their executions included.</summary>
public sealed class WorkflowFunctions(
    ApiRequestHandler handler, WorkflowService workflows, ExecutionService executions)
{
    [Function("Workflows_List")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
        {
            var query = new WorkflowListQuery(
                InstanceId: QueryParameters.Text(request, "instance_id"),
                Search: QueryParameters.Text(request, "search", WorkflowListQuery.MaxSearchLength),
                Tags: QueryParameters.List(request, "tags"),
                Page: QueryParameters.WholeNumber(request, "page", 1, 1, WorkflowListQuery.MaxPage),
                PageSize: QueryParameters.WholeNumber(
                    request,
                    "page_size",
                    WorkflowListQuery.DefaultPageSize,
                    min: 1,
                    WorkflowListQuery.MaxPageSize));

            var page = await workflows.ListAsync(user.UserId, query, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(WorkflowResponse.Page(page));
        });

    [Function("Workflows_Create")]
    public Task<IActionResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows/")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadAsync<CreateWorkflowRequest>(request);

            var workflow = await workflows.CreateAsync(user.UserId, body, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(WorkflowResponse.From(workflow), StatusCodes.Status201Created);
        });

    [Function("Workflows_Get")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/{workflowId}")]
        HttpRequest request,
        string workflowId) =>
        handler.RunAsync(request, async user =>
        {
            var workflow = await workflows.GetAsync(
                user.UserId, workflowId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(WorkflowResponse.From(workflow));
        });

    [Function("Workflows_Update")]
    public Task<IActionResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "workflows/{workflowId}")]
        HttpRequest request,
        string workflowId) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadAsync<UpdateWorkflowRequest>(request);

            var workflow = await workflows.UpdateAsync(
                user.UserId, workflowId, body, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(WorkflowResponse.From(workflow));
        });

    [Function("Workflows_Delete")]
    public Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "workflows/{workflowId}")]
        HttpRequest request,
        string workflowId) =>
        handler.RunAsync(request, async user =>
        {
            await workflows.DeleteAsync(user.UserId, workflowId, request.HttpContext.RequestAborted);

            return new NoContentResult();
        });

    [Function("Workflows_Preview")]
    public Task<IActionResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows/{workflowId}/preview")]
        HttpRequest request,
        string workflowId) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadOptionalAsync(request, new PreviewWorkflowRequest());

            var preview = await workflows.PreviewAsync(
                user.UserId, workflowId, body.Parameters, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(preview);
        });

    [Function("Workflows_Execute")]
    public Task<IActionResult> ExecuteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows/{workflowId}/execute")]
        HttpRequest request,
        string workflowId,
        [DurableClient] DurableTaskClient client) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadOptionalAsync(request, new ExecuteWorkflowRequest());

            var execution = await executions.StartAsync(
                user.UserId, workflowId, body, client, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ExecutionResponse.From(execution), StatusCodes.Status202Accepted);
        });

    [Function("Workflows_Executions")]
    public Task<IActionResult> ExecutionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/{workflowId}/executions")]
        HttpRequest request,
        string workflowId) =>
        handler.RunAsync(request, async user =>
        {
            var limit = QueryParameters.WholeNumber(
                request, "limit", ExecutionService.DefaultListLimit, min: 1, ExecutionService.MaxListLimit);
            var status = QueryParameters.Text(request, "status", maxLength: 20);

            var list = await executions.ListForWorkflowAsync(
                user.UserId, workflowId, limit, status, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ExecutionResponse.List(list));
        });
}
