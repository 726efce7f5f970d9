namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>The Sandbox authenticating AMC callers with its own Login with Amazon.</summary>
public sealed class AmcLwaSandboxHost() : AmcSandboxHost(TimeSpan.Zero, fixedToken: false);
