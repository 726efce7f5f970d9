namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>A query that compiled but failed while running (an execution ends FAILED with this message).</summary>
public sealed class AmcRuntimeException : Exception
{
    public AmcRuntimeException()
    {
    }

    public AmcRuntimeException(string message)
        : base(message)
    {
    }

    public AmcRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
