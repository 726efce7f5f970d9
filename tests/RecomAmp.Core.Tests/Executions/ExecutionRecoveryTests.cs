using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Executions.Orchestration;
using RecomAmp.Core.Tests.Workflows;
using RecomAmp.Testing;

namespace RecomAmp.Core.Tests.Executions;

/// <summary>
/// Recovery over the real store and the in-process durable backend, with a stand-in for the execution
/// orchestrator that only reports which execution it was started for.
/// </summary>
public sealed class ExecutionRecoveryTests : IAsyncLifetime, IDisposable
{
    private readonly ServiceTestHost _host = new();
    private DurableTaskTestHost _durable = null!;

    private DurableTaskClient Client => _durable.Client;

    public async Task InitializeAsync()
    {
        // The test host picks a random port in 30000-40000 unless told, which can land on a port the system has
        // handed out to another connection; a port the system reports free is a safer start.
        _durable = await DurableTaskTestHost.StartAsync(
            registry => registry.AddOrchestratorFunc<ExecutionOrchestrationInput, string>(
                nameof(ExecutionOrchestrator), (_, input) => input.ExecutionId),
            new DurableTaskTestHostOptions { Port = LoopbackPorts.Free() });
    }

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Resume_ActiveExecutionsWithoutOrchestration_SchedulesEachOnceUnderItsId()
    {
        var pending = await StoreAsync("user-a", ExecutionStatus.Pending);
        var running = await StoreAsync("user-b", ExecutionStatus.Running);
        var finished = await StoreAsync("user-b", ExecutionStatus.Succeeded);
        var recovery = _host.Get<ExecutionRecovery>();

        var first = await recovery.ResumeAsync(Client, default);
        string[] resumed = [pending, running];
        var outputs = await Task.WhenAll(
            resumed.Select(id => Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true)));
        var second = await recovery.ResumeAsync(Client, default);

        Assert.Equal(2, first);
        Assert.Equal(resumed, outputs.Select(o => o.ReadOutputAs<string>()));
        Assert.Null(await Client.GetInstanceAsync(finished));
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task Schedule_Twice_StartsOneOrchestration()
    {
        var id = await StoreAsync("user-a", ExecutionStatus.Pending);
        var orchestrations = _host.Get<ExecutionOrchestrations>();

        var first = await orchestrations.ScheduleAsync(Client, "user-a", id, default);
        var second = await orchestrations.ScheduleAsync(Client, "user-a", id, default);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task PurgeFinished_RemovesOnlyOrchestrationsOlderThanTheRetention()
    {
        var id = await StoreAsync("user-a", ExecutionStatus.Pending);
        await _host.Get<ExecutionOrchestrations>().ScheduleAsync(Client, "user-a", id, default);
        await Client.WaitForInstanceCompletionAsync(id);
        var recovery = _host.Get<ExecutionRecovery>();

        _host.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await recovery.PurgeFinishedAsync(Client, default);
        var kept = await Client.GetInstanceAsync(id);
        _host.Clock.SetUtcNow(DateTimeOffset.UtcNow + ExecutionRecovery.FinishedOrchestrationRetention * 2);
        await recovery.PurgeFinishedAsync(Client, default);
        var purged = await Client.GetInstanceAsync(id);

        Assert.NotNull(kept);
        Assert.Null(purged);
    }

    private async Task<string> StoreAsync(string userId, string status)
    {
        var now = _host.Clock.GetUtcNow();
        var execution = new Execution(
            Guid.NewGuid().ToString(), userId, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), status,
            new Dictionary<string, JsonElement>(), "2024-01-01T00:00:00", "2024-02-01T00:00:00", "UTC",
            "SELECT 1", null, "amcrecovery1", "ENTITY1TEST", "ATVPDKIKX0DER", "us-east-1", null, null, null,
            null, null, null, null, now, null, null, null, now);
        await _host.Get<ExecutionRecords>().CreateAsync(execution, default);
        return execution.Id;
    }
}
