namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>The Sandbox with no delays: executions run as soon as they are queued.</summary>
public sealed class AmcFastSandboxHost() : AmcSandboxHost(TimeSpan.Zero);
