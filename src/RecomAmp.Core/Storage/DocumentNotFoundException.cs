namespace RecomAmp.Core.Storage;

/// <summary>The document does not exist.</summary>
public sealed class DocumentNotFoundException : Exception
{
    public DocumentNotFoundException()
    {
    }

    public DocumentNotFoundException(string message)
        : base(message)
    {
    }

    public DocumentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
