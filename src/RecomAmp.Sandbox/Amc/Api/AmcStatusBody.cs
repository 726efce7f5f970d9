namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>Body of an execution update; only <c>{"status": "CANCELLED"}</c> is accepted.</summary>
internal sealed record AmcStatusBody(string? Status);
