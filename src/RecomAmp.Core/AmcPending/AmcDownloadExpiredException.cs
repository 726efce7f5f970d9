namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

/// <summary>A download link answered as expired (403/410).</summary>
public sealed class AmcDownloadExpiredException : Exception
{
    public AmcDownloadExpiredException()
    {
    }

    public AmcDownloadExpiredException(string message)
        : base(message)
    {
    }

    public AmcDownloadExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
