namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

/// <summary>429/5xx still failing after the retries, or AMC unreachable.</summary>
public sealed class AmcUnavailableException : Exception
{
    public AmcUnavailableException()
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
}
