using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.Api.Tests.DevHost.TestFunctions;

/// <summary>Test-only timer functions.</summary>
public sealed class TimerTestFunctions(InvocationProbe probe)
{
    /// <summary>The setting that holds <see cref="EverySecond"/>'s schedule.</summary>
    public const string EverySecondSetting = "TimerTests:EverySecond";

    [Function("Timer_EverySecond")]
    public void EverySecond(
        [TimerTrigger("%" + EverySecondSetting + "%")] TimerInfo timer, FunctionContext context) =>
        probe.Record(context.FunctionDefinition.Name, timer, context.InvocationId);

    [Function("Timer_OnStartup")]
    public Task OnStartup(
        [TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        probe.Record("Timer_OnStartup", timer);
        return Task.CompletedTask;
    }

    [Function("Timer_Failing")]
    public void Failing([TimerTrigger("*/1 * * * * *")] TimerInfo timer)
    {
        probe.Record("Timer_Failing", timer);
        throw new InvalidOperationException("This timer function always fails.");
    }
}
