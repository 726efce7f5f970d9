namespace RecomAmp.Core.Amc;

/// <summary>
/// AMC could not be used for now: it kept answering 429 or 5xx after the retries, did not answer in time,
/// could not be reached, or sent an answer that cannot be read. The same call may work later.
/// </summary>
public sealed class AmcUnavailableException : Exception
{
    public AmcUnavailableException()
        : base("AMC is unavailable; try again later")
    {
    }

    public AmcUnavailableException(string message)
        : base(message)
    {
    }

    public AmcUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AmcUnavailableException(string message, int? statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The last HTTP status AMC answered with, or null when no answer came.</summary>
    public int? StatusCode { get; }
}
