using System.Text.Json;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// One workflow execution and its lifecycle. Status changes go through <see cref="TryMove"/>, which refuses to
/// leave a terminal status, so a cancel and a finishing run cannot both win.
/// </summary>
internal sealed class AmcExecution
{
    private readonly Lock _lock = new();

    public required string ExecutionId { get; init; }

    public required string InstanceId { get; init; }

    public required string WorkflowId { get; init; }

    public required AmcQueryRequest Query { get; init; }

    public required string TimeWindowType { get; init; }

    public required string TimeWindowTimeZone { get; init; }

    public required IReadOnlyDictionary<string, JsonElement> ParameterValues { get; init; }

    public required int TimeoutSeconds { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public CancellationTokenSource Cancellation { get; } = new();

    public AmcExecutionStatus Status { get; private set; } = AmcExecutionStatus.Pending;

    public string? StatusReason { get; private set; }

    public DateTimeOffset LastUpdatedTime { get; private set; }

    public DateTimeOffset? StartTime { get; private set; }

    public DateTimeOffset? EndTime { get; private set; }

    public AmcQueryResult? Result { get; private set; }

    public bool IsActive => Status is AmcExecutionStatus.Pending or AmcExecutionStatus.Running;

    /// <summary>Moves to <paramref name="status"/> unless the execution already ended; true when it moved.</summary>
    public bool TryMove(
        AmcExecutionStatus status, DateTimeOffset now, string? reason = null, AmcQueryResult? result = null)
    {
        lock (_lock)
        {
            if (!IsActive)
            {
                return false;
            }

            Status = status;
            StatusReason = reason;
            LastUpdatedTime = now;
            if (status == AmcExecutionStatus.Running)
            {
                StartTime = now;
            }
            else if (status != AmcExecutionStatus.Pending)
            {
                EndTime = now;
                Result = result;
            }

            return true;
        }
    }
}
