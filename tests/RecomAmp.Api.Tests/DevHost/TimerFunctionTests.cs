using Microsoft.Extensions.DependencyInjection;
using RecomAmp.DevHost.Functions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost runs timer functions on their NCRONTAB schedules.</summary>
public sealed class TimerFunctionTests(TimerFixture devHost) : IClassFixture<TimerFixture>
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Scheduler_EverySecondFromSetting_FiresWithScheduleStatus()
    {
        var calls = await devHost.Probe.WaitForAsync("Timer_EverySecond", 2, _patience);

        Assert.True(calls.Count >= 2, $"Timer_EverySecond ran {calls.Count} times.");
        var status = calls[1].Timer!.ScheduleStatus!;
        Assert.Equal(DateTimeKind.Utc, status.Next.Kind);
        Assert.Equal(0, status.Next.Millisecond);
        Assert.NotEqual(default, status.Last);

        // Last is the previous occurrence and Next the one after the current: at least two seconds apart.
        var gap = status.Next - status.Last;
        Assert.True(gap >= TimeSpan.FromSeconds(2), $"Last {status.Last:O}, Next {status.Next:O}");
        Assert.NotEqual(calls[0].InvocationId, calls[1].InvocationId);
    }

    [Fact]
    public void Catalog_SettingReference_IsResolved()
    {
        var catalog = devHost.Services.GetRequiredService<TimerFunctionCatalog>();

        Assert.Equal("*/1 * * * * *", catalog.Functions.Single(f => f.Name == "Timer_EverySecond").Schedule);
    }

    [Fact]
    public async Task Scheduler_RunOnStartup_RunsOnceAtStart()
    {
        var calls = await devHost.Probe.WaitForAsync("Timer_OnStartup", 1, _patience);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Single(devHost.Probe.CallsOf("Timer_OnStartup"));
        Assert.False(calls[0].Timer!.IsPastDue);
        Assert.Equal(1, calls[0].Timer!.ScheduleStatus!.Next.Month);
    }

    [Fact]
    public async Task Scheduler_FunctionThrows_KeepsItScheduled()
    {
        var calls = await devHost.Probe.WaitForAsync("Timer_Failing", 3, _patience);

        Assert.True(calls.Count >= 3, $"Timer_Failing ran {calls.Count} times.");
    }
}
