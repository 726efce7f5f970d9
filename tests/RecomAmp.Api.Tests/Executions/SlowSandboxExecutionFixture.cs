namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// A <see cref="SandboxExecutionFixture"/> whose AMC keeps every execution RUNNING for three seconds: time to
/// cancel it, delete its workflow or restart DevHost while it runs.
/// </summary>
public class SlowSandboxExecutionFixture : SandboxExecutionFixture
{
    protected override TimeSpan RunningDelay => TimeSpan.FromSeconds(3);
}
