using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RecomAmp.Core.Executions;
using RecomAmp.Functions.Http;

namespace RecomAmp.Functions.Executions;

/// <summary>
/// The execution routes (<c>/api/executions/...</c>) and the timer that gives active executions their
/// orchestration back after a restart.
/// </summary>
public sealed class ExecutionFunctions(
    ApiRequestHandler handler, ExecutionService executions, ExecutionRecovery recovery)
{
    [Function("Executions_Get")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "executions/{executionId}")]
        HttpRequest request,
        string executionId) =>
        handler.RunAsync(request, async user =>
        {
            var execution = await executions.GetAsync(
                user.UserId, executionId, request.HttpContext.RequestAborted);

            return ApiRequestHandler.Json(ExecutionResponse.From(execution));
        });

    [Function("Executions_Results")]
    public Task<IActionResult> ResultsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "executions/{executionId}/results")]
        HttpRequest request,
        string executionId) =>
        handler.RunAsync(request, async user =>
        {
            var format = QueryParameters.Text(request, "format", maxLength: 10);
            var limit = QueryParameters.WholeNumber(
                request,
                "limit",
                ExecutionService.DefaultResultLimit,
                min: 1,
                ExecutionService.MaxCsvResultLimit);

            var content = await executions.OpenResultsAsync(
                user.UserId, executionId, format, limit, request.HttpContext.RequestAborted);

            return new StreamedResult(content);
        });

    [Function("Executions_Delete")]
    public Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "executions/{executionId}")]
        HttpRequest request,
        string executionId,
        [DurableClient] DurableTaskClient client) =>
        handler.RunAsync(request, async user =>
        {
            var cancelled = await executions.CancelOrDeleteAsync(
                user.UserId, executionId, client, request.HttpContext.RequestAborted);

            return cancelled is null
                ? new NoContentResult()
                : ApiRequestHandler.Json(ExecutionResponse.From(cancelled));
        });

    /// <summary>
    /// Every minute, and when the host starts: schedules the orchestration of active executions that have
    /// none (DevHost's in-memory backend loses them on a restart) and purges long-finished ones.
    /// </summary>
    [Function("Executions_Resume")]
    public async Task ResumeAsync(
        [TimerTrigger("0 */1 * * * *", RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        await recovery.ResumeAsync(client, cancellationToken);
        await recovery.PurgeFinishedAsync(client, cancellationToken);
    }
}
