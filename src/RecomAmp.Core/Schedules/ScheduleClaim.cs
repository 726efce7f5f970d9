namespace RecomAmp.Core.Schedules;

/// <summary>
/// A due time that one ticker won with a conditional write, kept on the schedule until its run is recorded.
/// The ids are chosen when claiming, so that a ticker that takes over after a crash starts the same execution
/// at most once.
/// </summary>
/// <param name="RunId">The id the run record gets.</param>
/// <param name="ExecutionId">The id the run's execution gets.</param>
/// <param name="DueAt">The due time claimed (UTC).</param>
/// <param name="ClaimedAt">
/// When the claim was last taken (UTC); a claim older than the lease is taken over.
/// </param>
/// <param name="Attempts">How many tickers have tried to start the run.</param>
public sealed record ScheduleClaim(
    string RunId,
    string ExecutionId,
    DateTimeOffset DueAt,
    DateTimeOffset ClaimedAt,
    int Attempts);
