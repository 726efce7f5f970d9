using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Instances;

internal static partial class InstancesLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Instance {InstanceId} added for AMC instance {AmcInstanceId} by user {UserId}")]
    public static partial void InstanceCreated(
        ILogger logger, string instanceId, string amcInstanceId, string userId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Instance {InstanceId} of user {UserId} deleted with {WorkflowCount} workflows")]
    public static partial void InstanceDeleted(
        ILogger logger, string instanceId, string userId, int workflowCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Removed the abandoned reservation of AMC instance {AmcInstanceId} for user {UserId}")]
    public static partial void AbandonedReservationRemoved(
        ILogger logger, string amcInstanceId, string userId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Could not release the reservation of AMC instance {AmcInstanceId} for user {UserId}")]
    public static partial void ReservationReleaseFailed(
        ILogger logger, Exception exception, string amcInstanceId, string userId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug,
        Message = "Instance {InstanceId} changed during an update; retrying (attempt {Attempt})")]
    public static partial void UpdateRetried(ILogger logger, string instanceId, int attempt);
}
