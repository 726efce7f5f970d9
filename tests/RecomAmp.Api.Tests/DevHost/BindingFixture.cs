using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Api.Tests.DevHost.TestFunctions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>
/// DevHost serving the test-only <see cref="BindingTestFunctions"/> and the test durable tasks.
/// </summary>
public sealed class BindingFixture : DevHostFixture
{
    public InvocationProbe Probe { get; } = new();

    protected override IReadOnlyList<Type>? FunctionTypes => [typeof(BindingTestFunctions)];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Probe);

    protected override void ConfigureTasks(DurableTaskRegistry registry) => registry.AddTestTasks();
}
