namespace RecomAmp.Core.Storage;

/// <summary>The document changed since the ETag the write was conditioned on.</summary>
public sealed class DocumentPreconditionFailedException : Exception
{
    public DocumentPreconditionFailedException()
    {
    }

    public DocumentPreconditionFailedException(string message)
        : base(message)
    {
    }

    public DocumentPreconditionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
