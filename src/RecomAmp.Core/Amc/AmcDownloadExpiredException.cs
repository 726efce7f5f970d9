namespace RecomAmp.Core.Amc;

/// <summary>
/// A pre-signed result link no longer works (403 or 410, as S3 answers for an expired link). Ask AMC for
/// fresh links (<see cref="AmcReportingClient.GetDownloadUrlsAsync"/>) and download again.
/// </summary>
public sealed class AmcDownloadExpiredException : Exception
{
    public AmcDownloadExpiredException()
        : base("The download link has expired; ask AMC for new links")
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
