namespace RecomAmp.Sandbox.Lwa;

/// <summary>An OAuth error as Login with Amazon reports it: a status and
/// <c>{"error", "error_description"}</c>.</summary>
public sealed class LwaProtocolException : Exception
{
    public LwaProtocolException()
        : this(400, "invalid_request", "The request is invalid")
    {
    }

    public LwaProtocolException(string message)
        : this(400, "invalid_request", message)
    {
    }

    public LwaProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Error = "invalid_request";
    }

    public LwaProtocolException(int statusCode, string error, string description)
        : base(description)
    {
        StatusCode = statusCode;
        Error = error;
    }

    public int StatusCode { get; }

    /// <summary>The OAuth error code, e.g. <c>invalid_grant</c>.</summary>
    public string Error { get; }
}
