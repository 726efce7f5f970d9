using System.Diagnostics;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Api.Tests.DevHost.TestFunctions;
using RecomAmp.DevHost.Durable;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost's in-process durable backend runs many orchestrations at once.</summary>
public sealed class DurableBackendTests(DurableFixture devHost) : IClassFixture<DurableFixture>
{
    [Fact]
    public void Backend_Default_HandsOutTheConfiguredNumberOfWorkItems()
    {
        var backend = devHost.Services.GetRequiredService<IOrchestrationService>();
        var configured = new DurableBackendOptions().MaxConcurrentWorkItems;

        Assert.Equal(configured, backend.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(configured, backend.MaxConcurrentTaskActivityWorkItems);
    }

    [Fact]
    public async Task Backend_HundredOrchestrations_RunConcurrently()
    {
        var client = devHost.Services.GetRequiredService<DurableTaskClient>();
        var stopwatch = Stopwatch.StartNew();

        var instanceIds = await Task.WhenAll(Enumerable.Range(0, 100).Select(
            i => client.ScheduleNewOrchestrationInstanceAsync(TestTasks.ShoutOrchestration, $"batch {i}")));
        var finished = await Task.WhenAll(instanceIds.Select(
            id => client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true)));
        stopwatch.Stop();

        Assert.All(finished, s => Assert.Equal(OrchestrationRuntimeStatus.Completed, s.RuntimeStatus));
        Assert.Equal("BATCH 7", finished[7].ReadOutputAs<string>());

        // Capped at two work items with a 500 ms look-again, the same batch takes over a minute.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"The batch took {stopwatch.Elapsed}.");
    }
}
