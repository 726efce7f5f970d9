namespace RecomAmp.Api.Tests.Executions;

/// <summary>A <see cref="SlowSandboxExecutionFixture"/> that keeps its documents in Cosmos DB.</summary>
public sealed class SlowCosmosSandboxExecutionFixture : SlowSandboxExecutionFixture
{
    protected override bool OnCosmos => true;
}
