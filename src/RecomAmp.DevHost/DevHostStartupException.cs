namespace RecomAmp.DevHost;

/// <summary>
/// DevHost cannot serve the Functions app as it is: a function it cannot bind, a schedule it cannot read, a
/// route that clashes. Thrown while DevHost starts, never while it serves a request.
/// </summary>
public sealed class DevHostStartupException : Exception
{
    public DevHostStartupException()
    {
    }

    public DevHostStartupException(string message)
        : base(message)
    {
    }

    public DevHostStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DevHostStartupException(
        string functionName, string? parameterName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FunctionName = functionName;
        ParameterName = parameterName;
    }

    /// <summary>The function DevHost could not serve, when the problem is one function's.</summary>
    public string? FunctionName { get; }

    /// <summary>The parameter DevHost could not bind, when the problem is one parameter's.</summary>
    public string? ParameterName { get; }
}
