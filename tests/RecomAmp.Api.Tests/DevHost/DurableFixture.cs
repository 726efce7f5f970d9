using Microsoft.DurableTask;
using RecomAmp.Api.Tests.DevHost.TestFunctions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost with the test durable tasks and no functions.</summary>
public sealed class DurableFixture : DevHostFixture
{
    protected override IReadOnlyList<Type>? FunctionTypes => [];

    protected override void ConfigureTasks(DurableTaskRegistry registry) => registry.AddTestTasks();
}
