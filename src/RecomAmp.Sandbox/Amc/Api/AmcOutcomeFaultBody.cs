namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>Admin body: end the next <c>count</c> executions REJECTED or FAILED.</summary>
internal sealed record AmcOutcomeFaultBody(string? Outcome, int? Count, string? Reason);
