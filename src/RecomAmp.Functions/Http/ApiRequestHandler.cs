using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;

namespace RecomAmp.Functions.Http;

/// <summary>
/// The one place where HTTP functions authenticate the caller and where failures become the error envelope.
/// Every HTTP function runs its body through <see cref="RunAsync"/> (or <see cref="RunAnonymousAsync"/> for the
/// sign-in routes), so the same rules hold under the Functions host and under DevHost.
/// </summary>
public sealed partial class ApiRequestHandler(IAccessTokenValidator tokenValidator, ILogger<ApiRequestHandler> logger)
{
    /// <summary>Authenticates the bearer token, then runs the action for that user.</summary>
    public Task<IActionResult> RunAsync(
        HttpRequest request, Func<AuthenticatedUser, Task<IActionResult>> action)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        return RunCoreAsync(request, async () =>
        {
            var user = await tokenValidator.ValidateAsync(ReadBearerToken(request), request.HttpContext.RequestAborted);
            return await action(user);
        });
    }

    /// <summary>Runs an action that needs no signed-in user.</summary>
    public Task<IActionResult> RunAnonymousAsync(HttpRequest request, Func<Task<IActionResult>> action)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        return RunCoreAsync(request, action);
    }

    /// <summary>The bearer token of the Authorization header, or null when there is none.</summary>
    public static string? ReadBearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? header[scheme.Length..].Trim()
            : null;
    }

    private async Task<IActionResult> RunCoreAsync(HttpRequest request, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiException ex)
        {
            return ErrorResult(ex.StatusCode, ex.Message, ex.Errors);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, ex, request.Method, request.Path);
            return ErrorResult(StatusCodes.Status500InternalServerError, "Internal server error", null);
        }
    }

    /// <summary>The error envelope as an action result.</summary>
    public static IActionResult ErrorResult(
        int statusCode, string detail, IReadOnlyDictionary<string, string[]>? errors) =>
        new JsonResult(new ErrorEnvelope(detail, statusCode, errors), RecomAmpJson.Options) { StatusCode = statusCode };

    /// <summary>A JSON result written with the product's JSON options.</summary>
    public static IActionResult Json(object? value, int statusCode = StatusCodes.Status200OK) =>
        new JsonResult(value, RecomAmpJson.Options) { StatusCode = statusCode };

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>The error body of every failed request.</summary>
public sealed record ErrorEnvelope(string Detail, int StatusCode, IReadOnlyDictionary<string, string[]>? Errors);
