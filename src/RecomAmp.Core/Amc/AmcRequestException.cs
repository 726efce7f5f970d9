namespace RecomAmp.Core.Amc;

/// <summary>
/// AMC refused a call: a 4xx other than 429 (and other than a 401 cured by a token refresh). Compile errors
/// come as 400 with <see cref="Details"/> naming the problem (an undeclared parameter, "From line N, column
/// M"); an unknown instance or workflow is 404; an advertiser the user may not use is 403. The message holds
/// AMC's own text.
/// </summary>
public sealed class AmcRequestException : Exception
{
    public AmcRequestException()
        : this(400, "AMC refused the request")
    {
    }

    public AmcRequestException(string message)
        : this(400, message)
    {
    }

    public AmcRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    public AmcRequestException(int statusCode, string message, string? details = null, string? code = null)
        : base(message)
    {
        StatusCode = statusCode;
        Details = details;
        Code = code;
    }

    /// <summary>The HTTP status AMC answered with.</summary>
    public int StatusCode { get; }

    /// <summary>AMC's <c>details</c> text, when it sent one (compile errors give line and column).</summary>
    public string? Details { get; }

    /// <summary>AMC's error <c>code</c> when it sent one, e.g. <c>BAD_REQUEST</c>.</summary>
    public string? Code { get; }
}
