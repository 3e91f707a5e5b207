using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Dedup;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.DedupDatabaseUnusable, EventName = nameof(LogEventIds.DedupDatabaseUnusable), Level = LogLevel.Warning,
        Message = "De-duplication database {Path} is not a usable SQLite database ({Reason}); starting a fresh one: objects already sent may be sent again, none is skipped. Check the disk under connector.data_dir (CONNECTOR_DATA_DIR)")]
    public static partial void DatabaseUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = LogEventIds.DedupDatabaseMissing, EventName = nameof(LogEventIds.DedupDatabaseMissing), Level = LogLevel.Warning,
        Message = "De-duplication database {Path} is missing although the connector ran here before; starting a fresh one: objects already sent may be sent again, none is skipped")]
    public static partial void DatabaseMissing(ILogger logger, string path);

    [LoggerMessage(EventId = LogEventIds.DedupUnavailable, EventName = nameof(LogEventIds.DedupUnavailable), Level = LogLevel.Warning,
        Message = "De-duplication is off for this run: {Path} cannot be used ({Reason}); every object is sent. Check connector.data_dir (CONNECTOR_DATA_DIR) is writable")]
    public static partial void Unavailable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = LogEventIds.DedupLookupFailed, EventName = nameof(LogEventIds.DedupLookupFailed), Level = LogLevel.Warning,
        Message = "De-duplication of {Source} {Collection} failed ({Reason}); it is off for the rest of the run and every object is sent")]
    public static partial void LookupFailed(ILogger logger, string source, string collection, string reason);

    [LoggerMessage(EventId = LogEventIds.DedupRecordFailed, EventName = nameof(LogEventIds.DedupRecordFailed), Level = LogLevel.Warning,
        Message = "Recording sent versions of {Source} {Collection} failed ({Reason}); they may be sent again later, none is skipped")]
    public static partial void RecordFailed(ILogger logger, string source, string collection, string reason);

    [LoggerMessage(EventId = LogEventIds.DedupEvicted, EventName = nameof(LogEventIds.DedupEvicted), Level = LogLevel.Information,
        Message = "De-duplication: {Evicted} versions of {Source} {Collection} expired or over the cap; {Kept} kept")]
    public static partial void Evicted(ILogger logger, string source, string collection, long evicted, long kept);

    [LoggerMessage(EventId = LogEventIds.DedupFailure, EventName = nameof(LogEventIds.DedupFailure), Level = LogLevel.Debug, Message = "De-duplication failure")]
    public static partial void Failure(ILogger logger, Exception exception);
}
