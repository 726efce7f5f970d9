namespace RecomAmp.Core.Executions;

/// <summary>
/// An execution before and after a change written by <see cref="ExecutionRecords.UpdateAsync"/>.
/// </summary>
public sealed record ExecutionChange(Execution Before, Execution After)
{
    /// <summary>Whether the change wrote a new version.</summary>
    public bool Written => !ReferenceEquals(Before, After);
}
