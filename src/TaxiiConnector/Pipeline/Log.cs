using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Pipeline;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.CollectionDone, EventName = nameof(LogEventIds.CollectionDone), Level = LogLevel.Information,
        Message = "{Source} {Collection}: {Pages} pages, {ObjectsIn} objects in, {ObjectsOut} out, {Dropped} dropped, {Seconds:F1} s, {Rate:F0} objects/s, cursor {Cursor}")]
    public static partial void CollectionDone(ILogger logger, string source, string collection, int pages, long objectsIn, long objectsOut,
        long dropped, double seconds, double rate, string? cursor);

    [LoggerMessage(EventId = LogEventIds.CollectionFailed, EventName = nameof(LogEventIds.CollectionFailed), Level = LogLevel.Error,
        Message = "{Source} {Collection} failed after {Pages} pushed pages ({ObjectsOut} objects out); its cursor stays at {Cursor}: {Reason}")]
    public static partial void CollectionFailed(ILogger logger, string source, string collection, int pages, long objectsOut, string? cursor, string reason);

    [LoggerMessage(EventId = LogEventIds.CollectionFailure, EventName = nameof(LogEventIds.CollectionFailure), Level = LogLevel.Debug,
        Message = "{Source} {Collection}: failure details")]
    public static partial void CollectionFailure(ILogger logger, string source, string collection, Exception exception);

    [LoggerMessage(EventId = LogEventIds.PushRetrying, EventName = nameof(LogEventIds.PushRetrying), Level = LogLevel.Warning,
        Message = "Sink {Sink} refused a bundle of {Source} {Collection} (attempt {Attempt} of {Attempts}); retrying in {DelaySeconds:F1} s: {Reason}")]
    public static partial void PushRetrying(ILogger logger, string sink, string source, string collection, int attempt, int attempts,
        double delaySeconds, string reason);

    [LoggerMessage(EventId = LogEventIds.SourceFailed, EventName = nameof(LogEventIds.SourceFailed), Level = LogLevel.Error,
        Message = "Source {Source} failed: {Reason}")]
    public static partial void SourceFailed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = LogEventIds.SourceRunCancelled, EventName = nameof(LogEventIds.SourceRunCancelled), Level = LogLevel.Warning,
        Message = "Source {Source}: run cancelled; nothing unacknowledged was committed")]
    public static partial void RunCancelled(ILogger logger, string source);

    [LoggerMessage(EventId = LogEventIds.WorkCloseFailed, EventName = nameof(LogEventIds.WorkCloseFailed), Level = LogLevel.Warning,
        Message = "Source {Source}: could not close OpenCTI work {WorkId}: {Reason}")]
    public static partial void WorkCloseFailed(ILogger logger, string source, string? workId, string reason);

    [LoggerMessage(EventId = LogEventIds.SourceRunStarting, EventName = nameof(LogEventIds.SourceRunStarting), Level = LogLevel.Debug,
        Message = "Source {Source}: run starting")]
    public static partial void RunStarting(ILogger logger, string source);

    [LoggerMessage(EventId = LogEventIds.SourceDone, EventName = nameof(LogEventIds.SourceDone), Level = LogLevel.Information,
        Message = "Source {Source}: {Collections} collections, {ObjectsIn} objects in, {ObjectsOut} out, {Dropped} dropped, {Failed} failed")]
    public static partial void SourceDone(ILogger logger, string source, int collections, long objectsIn, long objectsOut, long dropped, int failed);

    [LoggerMessage(EventId = LogEventIds.RunSkipped, EventName = nameof(LogEventIds.RunSkipped), Level = LogLevel.Warning,
        Message = "Run skipped: the connector's OpenCTI queue is over connector.queue_threshold; nothing is read until it drains")]
    public static partial void RunSkipped(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.FailureWorkNotOpened, EventName = nameof(LogEventIds.FailureWorkNotOpened), Level = LogLevel.Warning,
        Message = "Source {Source}: could not open an OpenCTI work to record its failure: {Reason}")]
    public static partial void FailureWorkNotOpened(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = LogEventIds.LastRunNotStored, EventName = nameof(LogEventIds.LastRunNotStored), Level = LogLevel.Warning,
        Message = "Run complete, but its start could not be stored as last_run (it goes with the next state write): {Reason}")]
    public static partial void LastRunNotStored(ILogger logger, string reason);

    [LoggerMessage(EventId = LogEventIds.CollectionCleaned, EventName = nameof(LogEventIds.CollectionCleaned), Level = LogLevel.Information,
        Message = "{Source} {Collection}: as the platform's client does, dropped {Dropped}, removed references {ReferencesCut}; held back {Held} objects until their targets were sent ({SentAtEnd} sent at the end)")]
    public static partial void CollectionCleaned(ILogger logger, string source, string collection, string dropped, string referencesCut, long held, long sentAtEnd);
}
