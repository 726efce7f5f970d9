namespace RecomAmp.Core.Instances;

/// <summary>
/// The answer of <c>POST /api/instances/{id}/test-connection</c>. A failure to reach or use AMC is an answer
/// too (<see cref="Success"/> false with <see cref="Error"/>), not an HTTP error.
/// </summary>
/// <param name="Success">True when AMC answered for the instance with the user's authorization.</param>
/// <param name="ResponseTimeMs">How long the test took, in milliseconds.</param>
/// <param name="AmcVersion">
/// AMC's version. AMC's API reports none, so it is always null rather than a made-up number.
/// </param>
/// <param name="DataFreshness">How fresh the instance's data is when AMC says; AMC does not, so null.</param>
/// <param name="InstanceName">AMC's name of the instance, when the test succeeded.</param>
/// <param name="Error">Why the test failed, in AMC's words where it gave any; null on success.</param>
public sealed record ConnectionTestResponse(
    bool Success,
    long ResponseTimeMs,
    string? AmcVersion,
    DateTimeOffset? DataFreshness,
    string? InstanceName,
    string? Error);
