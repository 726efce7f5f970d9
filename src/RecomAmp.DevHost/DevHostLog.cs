using Microsoft.Extensions.Logging;

namespace RecomAmp.DevHost;

/// <summary>DevHost's own log messages (event ids 9100-9199).</summary>
internal static partial class DevHostLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Error, Message = "Function {FunctionName} failed")]
    public static partial void FunctionFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
        Message = "Timer function {FunctionName} runs on '{Schedule}'; next run at {NextRun:O}")]
    public static partial void TimerScheduled(
        ILogger logger, string functionName, string schedule, DateTimeOffset? nextRun);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Error,
        Message = "Timer function {FunctionName} failed; it stays scheduled, next run at {NextRun:O}")]
    public static partial void TimerFailed(
        ILogger logger, Exception exception, string functionName, DateTimeOffset? nextRun);
}
