namespace RecomAmp.Core.Amc;

/// <summary>What AMC says about an instance (<c>GET /amc/instances/{id}</c>).</summary>
/// <param name="InstanceId">AMC's instance id.</param>
/// <param name="InstanceName">AMC's name of the instance, or null.</param>
/// <param name="CreationStatus">AMC's <c>creationStatus</c>, e.g. <c>COMPLETED</c>, or null.</param>
/// <param name="DataFreshness">
/// How fresh the instance's data is, when AMC says. AMC's instance answer carries no such field, so the
/// client leaves it null and callers show "unknown" rather than a guess.
/// </param>
public sealed record AmcInstanceInfo(
    string InstanceId, string? InstanceName, string? CreationStatus, DateTimeOffset? DataFreshness);
