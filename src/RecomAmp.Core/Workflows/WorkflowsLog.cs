using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Workflows;

internal static partial class WorkflowsLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "Workflow {WorkflowId} created on instance {InstanceId} by user {UserId}")]
    public static partial void WorkflowCreated(
        ILogger logger, string workflowId, string instanceId, string userId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Workflow {WorkflowId} of user {UserId} deleted")]
    public static partial void WorkflowDeleted(ILogger logger, string workflowId, string userId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} vanished while workflow {WorkflowId} was written; write undone")]
    public static partial void InstanceVanished(ILogger logger, string instanceId, string workflowId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug,
        Message = "Workflow {WorkflowId} changed during an update; retrying (attempt {Attempt})")]
    public static partial void UpdateRetried(ILogger logger, string workflowId, int attempt);
}
