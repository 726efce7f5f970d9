namespace RecomAmp.Core.Schedules;

/// <summary>
/// The statuses of a schedule run. A run is RUNNING while its execution is pending or running; it then takes
/// the execution's terminal status (spelled as executions spell them). A run that could not start an
/// execution is FAILED.
/// </summary>
public static class ScheduleRunStatus
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string Rejected = "REJECTED";

    /// <summary>
    /// What the single-page app's contract calls <see cref="Succeeded"/>; accepted in filters.
    /// </summary>
    public const string SucceededAlias = "SUCCESS";

    public static IReadOnlyList<string> All { get; } = [Running, Succeeded, Failed, Cancelled, Rejected];

    /// <summary>Reads a status filter, ignoring case; null when the text names no status.</summary>
    public static string? ParseFilter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var upper = text.Trim().ToUpperInvariant();
        return upper == SucceededAlias ? Succeeded : All.FirstOrDefault(status => status == upper);
    }
}
