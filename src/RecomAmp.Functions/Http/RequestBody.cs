using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RecomAmp.Core.Common;

namespace RecomAmp.Functions.Http;

/// <summary>Reads JSON request bodies; malformed JSON, wrong types and missing required fields become 400s.</summary>
public static class RequestBody
{
    /// <summary>Request bodies larger than this are refused before they are parsed.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Deserializes the body as <typeparamref name="T"/>.</summary>
    /// <exception cref="RequestValidationException">The body is empty, too large, not JSON, or does not fit.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw new RequestValidationException("body", $"The request body must be at most {MaxBytes} bytes");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > MaxBytes)
        {
            throw new RequestValidationException("body", $"The request body must be at most {MaxBytes} bytes");
        }

        if (buffer.Length == 0)
        {
            throw new RequestValidationException("body", "A JSON request body is required");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), RecomAmpJson.Options)
                ?? throw new RequestValidationException("body", "The request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new RequestValidationException(FieldOf(ex), Describe(ex));
        }
    }

    /// <summary>Reads the body when there is one; an empty body gives <paramref name="empty"/>.</summary>
    public static async Task<T> ReadOptionalAsync<T>(HttpRequest request, T empty)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0)
        {
            return empty;
        }

        request.EnableBuffering();
        var probe = new byte[1];
        var read = await request.Body.ReadAsync(probe, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return read == 0 ? empty : await ReadAsync<T>(request);
    }

    private static string FieldOf(JsonException ex)
    {
        // JsonException.Path looks like "$.parameters.limit" or "$.tags[2]"; the envelope names fields without "$.".
        var path = ex.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json's messages name .NET types; keep only what a caller of the API can act on.
        if (ex.Path is null or "$")
        {
            return "The request body is not a valid JSON object of the expected shape";
        }

        return ex.InnerException is FormatException or InvalidOperationException || ex.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "Invalid value: the field has the wrong type"
            : "Invalid value: " + ex.Message;
    }
}
