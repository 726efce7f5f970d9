namespace RecomAmp.Sandbox.Amc;

/// <summary>An authenticated caller; <see cref="Account"/> is set for calls that name an advertiser.</summary>
internal sealed record AmcCaller(AmcSandboxAccount? Account);
