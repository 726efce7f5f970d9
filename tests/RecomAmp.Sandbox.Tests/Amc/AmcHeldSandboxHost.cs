namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>The Sandbox with executions held PENDING (on a fake clock nobody advances).</summary>
public sealed class AmcHeldSandboxHost() : AmcSandboxHost(TimeSpan.FromHours(1));
