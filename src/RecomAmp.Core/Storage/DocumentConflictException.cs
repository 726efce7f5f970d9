namespace RecomAmp.Core.Storage;

/// <summary>A document with the same id already exists in the partition.</summary>
public sealed class DocumentConflictException : Exception
{
    public DocumentConflictException()
    {
    }

    public DocumentConflictException(string message)
        : base(message)
    {
    }

    public DocumentConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
