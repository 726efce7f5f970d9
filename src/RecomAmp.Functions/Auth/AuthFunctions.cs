using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RecomAmp.Core.Auth;
using RecomAmp.Functions.Http;

namespace RecomAmp.Functions.Auth;

/// <summary>Sign-in with Login with Amazon, the signed-in user, and logout.</summary>
public sealed class AuthFunctions(ApiRequestHandler handler, AuthService auth)
{
    [Function("Auth_Login")]
    public Task<IActionResult> LoginAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request) =>
        handler.RunAnonymousAsync(request, async () =>
        {
            var body = await RequestBody.ReadAsync<LoginRequest>(request);
            return ApiRequestHandler.Json(
                await auth.StartLoginAsync(body, request.HttpContext.RequestAborted));
        });

    [Function("Auth_AmazonCallback")]
    public Task<IActionResult> AmazonCallbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/amazon/callback")]
        HttpRequest request) =>
        handler.RunAnonymousAsync(request, async () =>
        {
            var body = await RequestBody.ReadAsync<AmazonCallbackRequest>(request);
            return ApiRequestHandler.Json(
                await auth.CompleteAmazonSignInAsync(body, request.HttpContext.RequestAborted));
        });

    [Function("Auth_Me")]
    public Task<IActionResult> MeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/me")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
            ApiRequestHandler.Json(await auth.GetCurrentUserAsync(user, request.HttpContext.RequestAborted)));

    [Function("Auth_Logout")]
    public Task<IActionResult> LogoutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request) =>
        handler.RunAsync(request, async user =>
            ApiRequestHandler.Json(await auth.LogoutAsync(user, request.HttpContext.RequestAborted)));
}
