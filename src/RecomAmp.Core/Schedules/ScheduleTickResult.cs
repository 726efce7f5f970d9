namespace RecomAmp.Core.Schedules;

/// <summary>What one tick did.</summary>
/// <param name="Due">Due schedules the tick looked at.</param>
/// <param name="Fired">Due times this ticker claimed and recorded a run for.</param>
/// <param name="ClaimsLost">Due schedules another ticker claimed first.</param>
/// <param name="StartsDeferred">
/// Runs whose start failed for a passing reason; a later tick retries them.
/// </param>
/// <param name="ClaimsTakenOver">Claims left by a ticker that stopped, taken over and completed.</param>
/// <param name="OutcomesRecorded">Runs whose execution finished and whose outcome was recorded.</param>
/// <param name="Errors">Steps that failed unexpectedly (logged); later ticks pick them up again.</param>
public sealed record ScheduleTickResult(
    int Due,
    int Fired,
    int ClaimsLost,
    int StartsDeferred,
    int ClaimsTakenOver,
    int OutcomesRecorded,
    int Errors);
