using System.Collections.Concurrent;
using RecomAmp.Core.Schedules;

namespace RecomAmp.Benchmarks;

/// <summary>
/// Executions that start at once and have succeeded by the next tick, so each tick both fires runs and
/// records the outcomes of the previous ones. It measures the schedule side only: the execution service and
/// its orchestration are not part of the tick's cost here.
/// </summary>
internal sealed class InstantExecutions : IScheduleExecutions
{
    private readonly ConcurrentDictionary<string, byte> _started = new();

    public int Started => _started.Count;

    public Task StartAsync(ScheduledExecutionRequest request, CancellationToken cancellationToken)
    {
        _started.TryAdd(request.ExecutionId, 0);
        return Task.CompletedTask;
    }

    private static readonly ScheduledExecutionState _succeeded =
        new("SUCCEEDED", IsTerminal: true, DurationSeconds: 42, ErrorMessage: null);

    public Task<ScheduledExecutionState?> FindAsync(
        string userId, string executionId, CancellationToken cancellationToken) =>
        Task.FromResult(_started.ContainsKey(executionId) ? _succeeded : null);
}
