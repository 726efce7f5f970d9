using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.Api.Tests.DevHost.TestFunctions;

/// <summary>Where test-only functions record their calls, so a test can wait for them.</summary>
public sealed class InvocationProbe
{
    private readonly ConcurrentQueue<ProbeCall> _calls = new();

    public IReadOnlyList<ProbeCall> Calls => [.. _calls];

    public void Record(string function, TimerInfo? timer = null, string? invocationId = null) =>
        _calls.Enqueue(new ProbeCall(function, timer, invocationId, DateTimeOffset.UtcNow));

    public IReadOnlyList<ProbeCall> CallsOf(string function) =>
        [.. _calls.Where(c => c.Function == function)];

    /// <summary>
    /// Waits until <paramref name="function"/> has been called <paramref name="count"/> times.
    /// </summary>
    public async Task<IReadOnlyList<ProbeCall>> WaitForAsync(string function, int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (CallsOf(function).Count < count && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        return CallsOf(function);
    }
}
