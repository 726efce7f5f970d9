namespace RecomAmp.Core.Auth;

/// <summary>
/// Login with Amazon refused a request with an OAuth error (<c>{"error", "error_description"}</c>), e.g.
/// <c>invalid_grant</c> for a spent, expired or unknown code or a revoked refresh token. Transport failures
/// and Amazon's own faults are <see cref="Common.UpstreamServiceException"/> instead.
/// </summary>
public sealed class LwaException : Exception
{
    public LwaException()
        : this("invalid_response", "Login with Amazon refused the request", 400)
    {
    }

    public LwaException(string message)
        : this("invalid_response", message, 400)
    {
    }

    public LwaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "invalid_response";
    }

    public LwaException(string error, string description, int statusCode)
        : base(description)
    {
        Error = error;
        StatusCode = statusCode;
    }

    /// <summary>The OAuth error code as Amazon sent it, e.g. <c>invalid_grant</c>.</summary>
    public string Error { get; }

    /// <summary>The HTTP status of Amazon's answer.</summary>
    public int StatusCode { get; }

    public bool IsInvalidGrant => Error == "invalid_grant";
}
