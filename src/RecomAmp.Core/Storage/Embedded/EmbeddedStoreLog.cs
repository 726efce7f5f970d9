using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Storage.Embedded;

internal static partial class EmbeddedStoreLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Embedded document store opened {DatabasePath} (schema version {SchemaVersion})")]
    public static partial void DatabaseOpened(ILogger logger, string databasePath, long schemaVersion);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Purged {Count} expired documents")]
    public static partial void ExpiredDocumentsPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Purging expired documents failed; it is retried after the next purge interval")]
    public static partial void ExpiredDocumentsPurgeFailed(ILogger logger, Exception exception);
}
