using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Executions;

internal static partial class ExecutionsLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} of workflow {WorkflowId} requested by user {UserId}")]
    public static partial void ExecutionRequested(
        ILogger logger, string executionId, string workflowId, string userId);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "The orchestration of execution {ExecutionId} could not be scheduled; recovery will retry")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, string executionId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} submitted to AMC instance {AmcInstanceId} as {AmcExecutionId}")]
    public static partial void Submitted(
        ILogger logger, string executionId, string amcInstanceId, string amcExecutionId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} found AMC execution {AmcExecutionId} from an earlier attempt; "
            + "not submitting again")]
    public static partial void SubmissionReused(ILogger logger, string executionId, string amcExecutionId);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} finished {Status} ({ResultRows} rows)")]
    public static partial void Completed(ILogger logger, string executionId, string status, long? resultRows);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} cancelled by user {UserId}")]
    public static partial void Cancelled(ILogger logger, string executionId, string userId);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Warning,
        Message = "AMC execution {AmcExecutionId} of execution {ExecutionId} could not be cancelled at AMC")]
    public static partial void AmcCancelFailed(
        ILogger logger, Exception exception, string executionId, string amcExecutionId);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} was cancelled or deleted while it was submitted; AMC execution "
            + "{AmcExecutionId} cancelled")]
    public static partial void SubmittedAfterCancel(ILogger logger, string executionId, string amcExecutionId);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} deleted with its result")]
    public static partial void Deleted(ILogger logger, string executionId);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Warning,
        Message = "Execution {ExecutionId} had no orchestration ({RuntimeStatus}); scheduled it again")]
    public static partial void Resumed(ILogger logger, string executionId, string runtimeStatus);

    [LoggerMessage(EventId = 3210, Level = LogLevel.Warning,
        Message = "Download links of AMC execution {AmcExecutionId} expired (round {Round}); "
            + "asking for new ones")]
    public static partial void DownloadLinksExpired(ILogger logger, string amcExecutionId, int round);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information,
        Message = "Stored {Rows} rows ({Bytes} bytes) from {Files} AMC files for execution {ExecutionId}")]
    public static partial void ResultStored(
        ILogger logger, string executionId, long rows, long bytes, int files);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Warning,
        Message = "The orchestration of execution {ExecutionId} could not be ended")]
    public static partial void TerminateFailed(ILogger logger, Exception exception, string executionId);

    [LoggerMessage(EventId = 3213, Level = LogLevel.Debug,
        Message = "AMC execution {AmcExecutionId} is {AmcStatus}")]
    public static partial void AmcStatusRead(ILogger logger, string amcExecutionId, string amcStatus);

    [LoggerMessage(EventId = 3214, Level = LogLevel.Error,
        Message = "Execution {ExecutionId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string executionId, string reason);

    [LoggerMessage(EventId = 3215, Level = LogLevel.Warning,
        Message = "Execution {ExecutionId}: AMC answered status {AmcStatus}, which RecomAmp does not know; "
            + "still waiting")]
    public static partial void UnknownAmcStatus(ILogger logger, string executionId, string amcStatus);

    [LoggerMessage(EventId = 3216, Level = LogLevel.Warning,
        Message = "Execution {ExecutionId}: reading its AMC status failed after retries ({Reason}); "
            + "still waiting")]
    public static partial void StatusReadFailed(ILogger logger, string executionId, string reason);

    [LoggerMessage(EventId = 3217, Level = LogLevel.Warning,
        Message = "Execution {ExecutionId}: AMC did not finish within {TimeoutSeconds} s; cancelling it")]
    public static partial void TimedOut(ILogger logger, string executionId, int timeoutSeconds);

    [LoggerMessage(EventId = 3218, Level = LogLevel.Warning,
        Message = "Execution {ExecutionId}: the saved AMC workflow {AmcWorkflowId} could not be deleted")]
    public static partial void AmcWorkflowCleanupFailed(
        ILogger logger, string executionId, string amcWorkflowId);

    [LoggerMessage(EventId = 3220, Level = LogLevel.Error,
        Message = "Execution {ExecutionId}: a step failed for good with {ErrorType}: {ErrorMessage}")]
    public static partial void StepFailed(
        ILogger logger, string executionId, string errorType, string errorMessage);

    [LoggerMessage(EventId = 3219, Level = LogLevel.Information,
        Message = "Execution {ExecutionId} resumes waiting for AMC execution {AmcExecutionId}")]
    public static partial void ResumedWaiting(ILogger logger, string executionId, string amcExecutionId);

}
