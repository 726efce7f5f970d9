using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace RecomAmp.Sandbox.Lwa;

/// <summary>
/// Login with Amazon's three endpoints as the product's LWA client calls them: <c>GET /ap/oa</c> (authorize,
/// with automatic consent), <c>POST /auth/o2/token</c> and <c>GET /user/profile</c>.
/// </summary>
internal static class LwaSandboxEndpoints
{
    public static IEndpointRouteBuilder MapLwaSandbox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ap/oa", Authorize);
        endpoints.MapPost("/auth/o2/token", TokenAsync);
        endpoints.MapGet("/user/profile", Profile);
        return endpoints;
    }

    private static IResult Authorize(HttpRequest request, LwaSandboxAuthority authority)
    {
        var query = request.Query;
        var redirectUri = query["redirect_uri"].ToString();
        var state = query["state"].ToString();
        try
        {
            authority.CheckClientAndRedirectUri(query["client_id"].ToString(), redirectUri);
        }
        catch (LwaProtocolException ex)
        {
            // Without a trusted redirect URI the error must not be sent anywhere, so it is shown here.
            return Error(ex);
        }

        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            parameters["code"] = authority.IssueAuthorizationCode(new LwaAuthorizeRequest(
                query["client_id"].ToString(),
                query["scope"].ToString(),
                query["response_type"].ToString(),
                redirectUri,
                NullIfEmpty(query["code_challenge"].ToString()),
                NullIfEmpty(query["code_challenge_method"].ToString()),
                NullIfEmpty(query["login_hint"].ToString())));
        }
        catch (LwaProtocolException ex)
        {
            parameters["error"] = ex.Error;
            parameters["error_description"] = ex.Message;
        }

        if (!string.IsNullOrEmpty(state))
        {
            parameters["state"] = state;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, LwaSandboxAuthority authority)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            return Error(new LwaProtocolException(
                400, "invalid_request", "The body must be application/x-www-form-urlencoded"));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        try
        {
            var client = ReadClientCredentials(context.Request, form);
            var tokens = form["grant_type"].ToString() switch
            {
                "authorization_code" => authority.RedeemAuthorizationCode(
                    client, form["code"].ToString(), form["redirect_uri"].ToString(),
                    NullIfEmpty(form["code_verifier"].ToString())),
                "refresh_token" => authority.Refresh(client, form["refresh_token"].ToString()),
                "" => throw new LwaProtocolException(400, "invalid_request", "grant_type is required"),
                _ => throw new LwaProtocolException(
                    400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token"),
            };
            return Results.Json(
                new TokenResponse(tokens.AccessToken, tokens.RefreshToken, "bearer",
                    (int)tokens.ExpiresIn.TotalSeconds),
                SandboxJson.Options);
        }
        catch (LwaProtocolException ex)
        {
            return Error(ex);
        }
    }

    private static IResult Profile(HttpContext context, LwaSandboxAuthority authority)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
        try
        {
            return Results.Json(authority.ReadProfile(token), SandboxJson.Options);
        }
        catch (LwaProtocolException ex)
        {
            if (ex.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            }

            return Error(ex);
        }
    }

    private static LwaClientCredentials ReadClientCredentials(HttpRequest request, IFormCollection form)
    {
        // LWA takes the client credentials in the body; HTTP Basic (RFC 6749 2.3.1) is accepted as well.
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is not null)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            }
            catch (FormatException)
            {
                throw new LwaProtocolException(401, "invalid_client", "The Basic credentials are not base64");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? throw new LwaProtocolException(
                    401, "invalid_client", "The Basic credentials have no secret")
                : new LwaClientCredentials(Uri.UnescapeDataString(decoded[..colon]),
                    Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }

        return new LwaClientCredentials(NullIfEmpty(form["client_id"].ToString()),
            NullIfEmpty(form["client_secret"].ToString()));
    }

    private static IResult Error(LwaProtocolException ex) =>
        Results.Json(new ErrorResponse(ex.Error, ex.Message), SandboxJson.Options, statusCode: ex.StatusCode);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private sealed record TokenResponse(
        string AccessToken, string? RefreshToken, string TokenType, int ExpiresIn);

    private sealed record ErrorResponse(string Error, string ErrorDescription);
}
