namespace RecomAmp.Core.Common;

/// <summary>
/// A failure the caller can act on. The HTTP layer turns it into the error envelope
/// <c>{"detail", "status_code", "errors"}</c> with <see cref="StatusCode"/>; nothing else needs to catch it.
/// </summary>
public abstract class ApiException : Exception
{
    protected ApiException(int statusCode, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    public int StatusCode { get; }

    /// <summary>Messages per field name (snake_case, dotted when nested), when the failure is about fields.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; }
}
