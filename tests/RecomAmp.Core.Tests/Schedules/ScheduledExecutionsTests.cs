using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using RecomAmp.Core.Common;
using RecomAmp.Core.Executions;
using RecomAmp.Core.Executions.Orchestration;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Tests.Workflows;
using RecomAmp.Core.Workflows;
using static RecomAmp.Core.Tests.Schedules.ScheduleTestData;
using RecomAmp.Testing;

namespace RecomAmp.Core.Tests.Schedules;

/// <summary>
/// Schedules over the product's real executions: the execution service stores each run's execution under
/// the id the claim reserved and schedules its orchestration on the in-process durable backend (a stand-in
/// orchestrator that does nothing), and outcomes come from the execution records.
/// </summary>
public sealed class ScheduledExecutionsTests : IAsyncLifetime, IDisposable
{
    private const string Alice = "user-alice";

    private readonly ServiceTestHost _host = new();
    private DurableTaskTestHost _durable = null!;

    private DurableTaskClient Client => _durable.Client;

    private ScheduleService Schedules => _host.Get<ScheduleService>();

    private IScheduleExecutions Executions => _host.Get<ScheduledExecutions>().For(Client);

    public async Task InitializeAsync()
    {
        // A port the system reports free, rather than the test host's random pick, which may be taken.
        _durable = await DurableTaskTestHost.StartAsync(
            registry => registry.AddOrchestratorFunc<ExecutionOrchestrationInput, string>(
                nameof(ExecutionOrchestrator), (_, input) => input.ExecutionId),
            new DurableTaskTestHostOptions { Port = LoopbackPorts.Free() });
    }

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Start_WithTheClaimsIdAndZone_StoresOneExecutionAndSchedulesItsOrchestration()
    {
        var workflow = await RunnableWorkflowAsync("amcgateway01");
        var request = new ScheduledExecutionRequest(
            Alice,
            workflow.Id,
            Guid.NewGuid().ToString(),
            Guid.NewGuid().ToString(),
            Guid.NewGuid().ToString(),
            Parameters("""{"start_date": "2024-02-01", "end_date": "2024-02-29"}"""),
            "Asia/Tokyo");

        await Executions.StartAsync(request, default);
        await Executions.StartAsync(request, default);
        var state = await Executions.FindAsync(Alice, request.ExecutionId, default);

        var execution = await _host.Get<ExecutionService>().GetAsync(Alice, request.ExecutionId, default);
        Assert.Equal(("Asia/Tokyo", "2024-02-01T00:00:00", "2024-03-01T00:00:00"),
            (execution.TimeWindowTimezone, execution.TimeWindowStart, execution.TimeWindowEnd));
        Assert.Equal((ExecutionStatus.Pending, false), (state!.Status, state.IsTerminal));
        var executions = await _host.Get<ExecutionService>().ListForWorkflowAsync(
            Alice, workflow.Id, 50, null, default);
        Assert.Single(executions);
        Assert.NotNull(await Client.GetInstanceAsync(request.ExecutionId));
    }

    [Fact]
    public async Task Start_WorkflowThatCannotRun_IsRefusedWithTheReason()
    {
        var workflow = await RunnableWorkflowAsync("amcgateway02");
        var request = new ScheduledExecutionRequest(
            Alice, workflow.Id, Guid.NewGuid().ToString(), "s", "r", Parameters("{}"), "UTC");

        var error = await Assert.ThrowsAsync<RequestValidationException>(
            () => Executions.StartAsync(request, default));

        Assert.Contains("parameters.start_date", error.Errors!.Keys);
    }

    [Fact]
    public async Task Tick_OverRealExecutions_StartsThemAndCountsTheirOutcomes()
    {
        var workflow = await RunnableWorkflowAsync("amcgateway03");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 * * * *"), default);
        var ticker = _host.Get<ScheduleTicker>();
        var records = _host.Get<ExecutionRecords>();

        _host.Clock.SetUtcNow(schedule.NextRunAt!.Value);
        var fired = await ticker.TickAsync(Executions, default);
        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 10, null, default));
        await records.UpdateAsync(
            Alice,
            run.ExecutionId!,
            execution => execution with
            {
                Status = ExecutionStatus.Succeeded,
                ExecutionDuration = 45,
                CompletedAt = _host.Clock.GetUtcNow(),
            },
            default);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var recorded = await ticker.TickAsync(Executions, default);

        Assert.Equal((1, 1), (fired.Fired, recorded.OutcomesRecorded));
        var execution = await _host.Get<ExecutionService>().GetAsync(Alice, run.ExecutionId!, default);
        Assert.Equal(("2024-02-29", "2024-02-29"),
            (execution.Parameters["start_date"].GetString(), execution.Parameters["end_date"].GetString()));
        var finished = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 10, null, default));
        Assert.Equal((ScheduleRunStatus.Succeeded, 45L), (finished.Status, finished.DurationSeconds));
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal((1, 1, 0), (after.TotalRuns, after.SuccessfulRuns, after.FailedRuns));
    }

    private async Task<Workflow> RunnableWorkflowAsync(string amcInstanceId)
    {
        var instance = await _host.Instances.CreateAsync(
            Alice,
            new CreateInstanceRequest(
                amcInstanceId, amcInstanceId, Region: "us-east-1", AmcAccountId: "ENTITY1TEST"),
            default);
        return await _host.Workflows.CreateAsync(
            Alice,
            new CreateWorkflowRequest(
                Name: "Reach",
                SqlQuery: "SELECT '{{start_date}}' AS s, '{{end_date}}' AS e",
                InstanceId: instance.Id),
            default);
    }
}
