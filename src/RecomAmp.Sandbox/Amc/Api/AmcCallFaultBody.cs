namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>Admin body: fail or slow the next <c>count</c> calls of an operation.</summary>
internal sealed record AmcCallFaultBody(string? Operation, int? StatusCode, int? DelayMilliseconds, int? Count);
