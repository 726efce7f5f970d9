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
    /// <exception cref="RequestValidationException">
    /// The body is empty, too large, not JSON, or does not fit.
    /// </exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw new RequestValidationException("body", $"The request body must be at most {MaxBytes} bytes");
        }

        var body = await ReadBoundedAsync(request);
        if (body.Length == 0)
        {
            throw new RequestValidationException("body", "A JSON request body is required");
        }

        // Syntax is checked on its own first, so that malformed JSON is reported against the body as a whole
        // and a value of the wrong type against its field.
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new RequestValidationException(
                "body",
                $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, RecomAmpJson.Options)
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

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new RequestValidationException("body", $"The request body must be at most {MaxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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

    private static string Describe(JsonException ex) =>
        // System.Text.Json's own messages name .NET types; say only what a caller of the API can act on.
        ex.Path is null or "$"
            ? "The request body must be a JSON object"
            : "Invalid value: this field has the wrong type or format";
}
