using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RecomAmp.Core.Common;
using RecomAmp.Core.Schedules;
using RecomAmp.Functions.Http;

namespace RecomAmp.Functions.Schedules;

/// <summary>The schedule routes (<c>/api/schedules/...</c>) and the timer that fires due schedules.</summary>
public sealed class ScheduleFunctions(
    ApiRequestHandler handler,
    ScheduleService schedules,
    ScheduleTicker ticker,
    ScheduledExecutions executions)
{
    /// <summary>
    /// Every minute: fires the due schedules (each due time once, whichever hosts tick), takes over claims a
    /// stopped host left, and records the outcomes of finished runs.
    /// </summary>
    [Function("Schedules_Tick")]
    public async Task TickAsync(
        [TimerTrigger("0 * * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        await ticker.TickAsync(executions.For(client), cancellationToken);
    }

    [Function("Schedules_List")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "schedules/")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
        {
            var activeOnly = QueryParameters.Flag(request, "active_only", defaultValue: false);
            var workflowId = QueryParameters.Text(request, "workflow_id", ScheduleService.MaxIdLength);

            var list = await schedules.ListAsync(
                user.UserId, activeOnly, workflowId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(
                new ListResponse<ScheduleResponse>([.. list.Select(ScheduleResponse.From)]));
        });

    [Function("Schedules_Create")]
    public Task<IActionResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "schedules/")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadAsync<CreateScheduleRequest>(request);

            var schedule = await schedules.CreateAsync(user.UserId, body, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ScheduleResponse.From(schedule), StatusCodes.Status201Created);
        });

    [Function("Schedules_Get")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "schedules/{scheduleId}")]
        HttpRequest request,
        string scheduleId) =>
        handler.RunAsync(request, async user =>
        {
            var schedule = await schedules.GetAsync(
                user.UserId, scheduleId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ScheduleResponse.From(schedule));
        });

    [Function("Schedules_Update")]
    public Task<IActionResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "schedules/{scheduleId}")]
        HttpRequest request,
        string scheduleId) =>
        handler.RunAsync(request, async user =>
        {
            var body = await RequestBody.ReadAsync<UpdateScheduleRequest>(request);

            var schedule = await schedules.UpdateAsync(
                user.UserId, scheduleId, body, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ScheduleResponse.From(schedule));
        });

    [Function("Schedules_Pause")]
    public Task<IActionResult> PauseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "schedules/{scheduleId}/pause")]
        HttpRequest request,
        string scheduleId) =>
        handler.RunAsync(request, async user =>
        {
            var schedule = await schedules.PauseAsync(
                user.UserId, scheduleId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ScheduleResponse.From(schedule));
        });

    [Function("Schedules_Resume")]
    public Task<IActionResult> ResumeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "schedules/{scheduleId}/resume")]
        HttpRequest request,
        string scheduleId) =>
        handler.RunAsync(request, async user =>
        {
            var schedule = await schedules.ResumeAsync(
                user.UserId, scheduleId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ScheduleResponse.From(schedule));
        });

    [Function("Schedules_History")]
    public Task<IActionResult> HistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "schedules/{scheduleId}/history")]
        HttpRequest request,
        string scheduleId) =>
        handler.RunAsync(request, async user =>
        {
            var limit = QueryParameters.WholeNumber(
                request,
                "limit",
                ScheduleService.DefaultHistoryLimit,
                min: 1,
                ScheduleService.MaxHistoryLimit);
            var status = QueryParameters.Text(request, "status", maxLength: 20);

            var runs = await schedules.HistoryAsync(
                user.UserId, scheduleId, limit, status, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(
                new ListResponse<ScheduleRunResponse>([.. runs.Select(ScheduleRunResponse.From)]));
        });

    [Function("Schedules_Delete")]
    public Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "schedules/{scheduleId}")]
        HttpRequest request,
        string scheduleId) =>
        handler.RunAsync(request, async user =>
        {
            await schedules.DeleteAsync(user.UserId, scheduleId, request.HttpContext.RequestAborted);

            return new NoContentResult();
        });
}
