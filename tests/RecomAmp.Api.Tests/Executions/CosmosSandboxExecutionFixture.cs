namespace RecomAmp.Api.Tests.Executions;

/// <summary>A <see cref="SandboxExecutionFixture"/> that keeps its documents in Cosmos DB.</summary>
public sealed class CosmosSandboxExecutionFixture : SandboxExecutionFixture
{
    protected override bool OnCosmos => true;
}
