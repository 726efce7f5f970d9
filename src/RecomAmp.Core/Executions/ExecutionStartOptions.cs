namespace RecomAmp.Core.Executions;

/// <summary>What a caller other than the API fixes about an execution it starts.</summary>
/// <param name="ExecutionId">The execution's id (a UUID); null for a new one.</param>
/// <param name="TimeZone">The IANA time zone of its time window; null for the user's own.</param>
public sealed record ExecutionStartOptions(string? ExecutionId = null, string? TimeZone = null);
