namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

/// <summary>AMC refused a call (a 4xx other than 401/429 after retries). Message holds AMC's text.</summary>
public sealed class AmcRequestException : Exception
{
    public AmcRequestException()
    {
    }

    public AmcRequestException(string message)
        : base(message)
    {
    }

    public AmcRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AmcRequestException(int statusCode, string message, string? details)
        : base(message)
    {
        StatusCode = statusCode;
        Details = details;
    }

    public int StatusCode { get; }

    public string? Details { get; }
}
