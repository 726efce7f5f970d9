using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using RecomAmp.Core.Executions;

namespace RecomAmp.Functions.Http;

/// <summary>
/// Streams an execution's result into the response body as it is read from the result store, so a large
/// result is never held in memory; a download gets a Content-Disposition file name.
/// </summary>
public sealed class StreamedResult(ExecutionResultContent content) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using (content)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = content.ContentType;
            if (content.FileName is { } fileName)
            {
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(fileName);
                response.Headers.ContentDisposition = disposition.ToString();
            }

            await content.WriteToAsync(response.Body, context.HttpContext.RequestAborted);
        }
    }
}
