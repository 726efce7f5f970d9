namespace RecomAmp.Sandbox.Amc.Api;

/// <summary>Admin body: make every download link answer as expired, or stop doing so.</summary>
internal sealed record AmcLinkFaultBody(bool? Expired);
