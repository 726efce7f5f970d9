namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// Faults the Sandbox's AMC plays on purpose, set at run time by tests (resolve this singleton) or through
/// <c>{prefix}/_admin/amc/faults</c>: an error status or a slow answer for the next N calls of an operation,
/// executions that end REJECTED or FAILED, and download links that answer as expired. Thread-safe.
/// </summary>
public sealed class AmcFaultInjection
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AmcOperation, Queue<AmcCallFault>> _calls = [];
    private readonly Queue<AmcOutcomeFault> _outcomes = new();
    private volatile bool _expireDownloadLinks;

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> answer this status
    /// (429 carries Retry-After).</summary>
    public void FailNext(AmcOperation operation, int statusCode, int count = 1) =>
        Enqueue(operation, new AmcCallFault(statusCode, TimeSpan.Zero), count);

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> answer late.</summary>
    public void DelayNext(AmcOperation operation, TimeSpan delay, int count = 1) =>
        Enqueue(operation, new AmcCallFault(null, delay), count);

    /// <summary>The next <paramref name="count"/> executions end with this status (REJECTED or FAILED).</summary>
    public void EndNextExecutions(AmcExecutionStatus outcome, int count = 1, string? reason = null)
    {
        if (outcome is not (AmcExecutionStatus.Rejected or AmcExecutionStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Only REJECTED or FAILED can be forced.");
        }

        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _outcomes.Enqueue(new AmcOutcomeFault(outcome, reason));
            }
        }
    }

    /// <summary>While true, every download link answers 403 "Request has expired".</summary>
    public bool ExpireDownloadLinks
    {
        get => _expireDownloadLinks;
        set => _expireDownloadLinks = value;
    }

    public void Reset()
    {
        lock (_lock)
        {
            _calls.Clear();
            _outcomes.Clear();
        }

        _expireDownloadLinks = false;
    }

    internal AmcCallFault? TakeCallFault(AmcOperation operation)
    {
        lock (_lock)
        {
            return _calls.TryGetValue(operation, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    internal AmcOutcomeFault? TakeOutcomeFault()
    {
        lock (_lock)
        {
            return _outcomes.Count > 0 ? _outcomes.Dequeue() : null;
        }
    }

    private void Enqueue(AmcOperation operation, AmcCallFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            if (!_calls.TryGetValue(operation, out var queue))
            {
                queue = new Queue<AmcCallFault>();
                _calls[operation] = queue;
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }
}
