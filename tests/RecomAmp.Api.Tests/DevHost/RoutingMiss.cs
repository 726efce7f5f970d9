using System.Net;
using System.Text.Json;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>Tells a response of the router (no function matched) from a response of a function.</summary>
public static class RoutingMiss
{
    /// <summary>
    /// True for what ASP.NET Core routing answers when no function matches: 404 or 405 without the error
    /// envelope every RecomAmp function writes.
    /// </summary>
    public static async Task<bool> IsRoutingMissAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
        {
            return true;
        }

        return response.StatusCode == HttpStatusCode.NotFound
            && !HasErrorEnvelope(await response.Content.ReadAsStringAsync());
    }

    private static bool HasErrorEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status_code", out _)
                && document.RootElement.TryGetProperty("detail", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
