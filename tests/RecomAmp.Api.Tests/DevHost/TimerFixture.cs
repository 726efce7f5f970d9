using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Api.Tests.DevHost.TestFunctions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost running the test-only <see cref="TimerTestFunctions"/>.</summary>
public sealed class TimerFixture : DevHostFixture
{
    public InvocationProbe Probe { get; } = new();

    protected override IReadOnlyList<Type>? FunctionTypes => [typeof(TimerTestFunctions)];

    protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
        settings[TimerTestFunctions.EverySecondSetting] = "*/1 * * * * *";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Probe);
}
