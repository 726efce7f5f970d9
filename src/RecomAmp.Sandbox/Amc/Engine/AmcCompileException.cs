namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// A query AMC would refuse before running it: forbidden constructs, undeclared parameters, syntax errors.
/// The message names the problem and, when known, where it is ("line N, column M").
/// </summary>
public sealed class AmcCompileException : Exception
{
    public AmcCompileException()
    {
    }

    public AmcCompileException(string message)
        : base(message)
    {
    }

    public AmcCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static AmcCompileException At(string sql, int offset, string problem, bool approximate = false)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var (line, column) = AmcSqlTokenizer.LineAndColumn(sql, offset);
        var where = approximate ? $"near line {line}, column {column} (approximate)" : $"line {line}, column {column}";
        return new AmcCompileException($"{problem} (from {where})");
    }
}
