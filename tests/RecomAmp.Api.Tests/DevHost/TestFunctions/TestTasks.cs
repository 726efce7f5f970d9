using Microsoft.DurableTask;

namespace RecomAmp.Api.Tests.DevHost.TestFunctions;

/// <summary>Test-only durable tasks: an orchestration that calls one activity.</summary>
public static class TestTasks
{
    public const string ShoutOrchestration = "Test_Shout";
    public const string ShoutActivity = "Test_ShoutActivity";

    public static DurableTaskRegistry AddTestTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<string, string>(
            ShoutOrchestration, (context, text) => context.CallActivityAsync<string>(ShoutActivity, text));
        registry.AddActivityFunc<string, string>(ShoutActivity, (_, text) => text.ToUpperInvariant());
        return registry;
    }
}
