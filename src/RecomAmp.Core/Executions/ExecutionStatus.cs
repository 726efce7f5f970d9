namespace RecomAmp.Core.Executions;

/// <summary>
/// The statuses of an execution, spelled as AMC spells them. PENDING and RUNNING are active; the others are
/// terminal and never change again.
/// </summary>
public static class ExecutionStatus
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string Rejected = "REJECTED";

    /// <summary>What the single-page app calls <see cref="Succeeded"/>; accepted in filters.</summary>
    public const string SucceededAlias = "SUCCESS";

    public static IReadOnlyList<string> All { get; } =
        [Pending, Running, Succeeded, Failed, Cancelled, Rejected];

    public static IReadOnlyList<string> Active { get; } = [Pending, Running];

    public static bool IsActive(string status) => status is Pending or Running;

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled or Rejected;

    /// <summary>
    /// Reads a status filter: one of <see cref="All"/> or <see cref="SucceededAlias"/>, ignoring case.
    /// </summary>
    /// <returns>The status, or null when the text names none.</returns>
    public static string? ParseFilter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var upper = text.Trim().ToUpperInvariant();
        return upper == SucceededAlias ? Succeeded : All.FirstOrDefault(status => status == upper);
    }
}
