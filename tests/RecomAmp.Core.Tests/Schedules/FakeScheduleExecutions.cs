using System.Collections.Concurrent;
using RecomAmp.Core.Schedules;

namespace RecomAmp.Core.Tests.Schedules;

/// <summary>
/// Executions as a schedule sees them, kept in memory: records every start (a second start of the same
/// execution id changes nothing, as the product's execution ids are unique), and lets a test finish
/// executions or make starts fail.
/// </summary>
internal sealed class FakeScheduleExecutions : IScheduleExecutions
{
    private readonly ConcurrentDictionary<string, ScheduledExecutionState> _states = new();
    private readonly ConcurrentQueue<ScheduledExecutionRequest> _starts = new();
    private int _repeatedStarts;

    /// <summary>Every start, in order.</summary>
    public IReadOnlyList<ScheduledExecutionRequest> Starts => [.. _starts];

    /// <summary>Starts of an execution id that was started before.</summary>
    public int RepeatedStarts => _repeatedStarts;

    /// <summary>When set, a start throws what it returns (null starts normally).</summary>
    public Func<ScheduledExecutionRequest, Exception?>? FailStart { get; set; }

    /// <summary>How long each start takes, to widen the window in which tickers race.</summary>
    public TimeSpan StartDelay { get; set; }

    public async Task StartAsync(ScheduledExecutionRequest request, CancellationToken cancellationToken)
    {
        if (StartDelay > TimeSpan.Zero)
        {
            await Task.Delay(StartDelay, cancellationToken);
        }

        if (FailStart?.Invoke(request) is { } failure)
        {
            throw failure;
        }

        var pending = new ScheduledExecutionState("PENDING", IsTerminal: false, null, null);
        if (_states.TryAdd(request.ExecutionId, pending))
        {
            _starts.Enqueue(request);
        }
        else
        {
            Interlocked.Increment(ref _repeatedStarts);
        }
    }

    public Task<ScheduledExecutionState?> FindAsync(
        string userId, string executionId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(executionId, out var state) ? state : null);

    /// <summary>Ends an execution with a terminal status.</summary>
    public void Finish(string executionId, string status, long durationSeconds, string? errorMessage = null) =>
        _states[executionId] =
            new ScheduledExecutionState(status, IsTerminal: true, durationSeconds, errorMessage);

    /// <summary>Removes an execution, as deleting it through the API does.</summary>
    public void Delete(string executionId) => _states.TryRemove(executionId, out _);
}
