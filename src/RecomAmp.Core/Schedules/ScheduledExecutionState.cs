namespace RecomAmp.Core.Schedules;

/// <summary>How a scheduled run's execution is doing.</summary>
/// <param name="Status">
/// The execution's status; when <paramref name="IsTerminal"/>, one of SUCCEEDED, FAILED, CANCELLED, REJECTED.
/// </param>
/// <param name="IsTerminal">Whether the status will not change again.</param>
/// <param name="DurationSeconds">How long it ran, once known.</param>
/// <param name="ErrorMessage">Why it did not succeed.</param>
public sealed record ScheduledExecutionState(
    string Status, bool IsTerminal, long? DurationSeconds, string? ErrorMessage);
