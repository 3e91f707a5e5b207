using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.TaxiiPush;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.PushEndpointListening, EventName = nameof(LogEventIds.PushEndpointListening), Level = LogLevel.Information,
        Message = "TAXII push endpoint: discovery {DiscoveryUrl}, API root {ApiRootUrl}, {Collections} collections, {Users} users, {Pending} envelopes pending from before")]
    public static partial void EndpointListening(ILogger logger, Uri discoveryUrl, Uri apiRootUrl, int collections, int users, int pending);

    [LoggerMessage(EventId = LogEventIds.PushEnvelopeDelivered, EventName = nameof(LogEventIds.PushEnvelopeDelivered), Level = LogLevel.Information,
        Message = "Push envelope {StatusId} from {User} to collection {Collection}: {Objects} objects, {Succeeded} imported, {Duplicates} already sent before, {Failed} not imported")]
    public static partial void EnvelopeDelivered(ILogger logger, string statusId, string user, string collection, int objects, int succeeded, int duplicates, int failed);

    [LoggerMessage(EventId = LogEventIds.PushDeliveryRetrying, EventName = nameof(LogEventIds.PushDeliveryRetrying), Level = LogLevel.Warning,
        Message = "Could not {Action} push envelope {StatusId} (collection {Collection}, attempt {Attempt} of {Attempts}); trying again in {DelaySeconds:F1} s: {Error}")]
    public static partial void DeliveryRetrying(ILogger logger, string action, string statusId, string collection, int attempt, int attempts, double delaySeconds, string error);

    [LoggerMessage(EventId = LogEventIds.PushDeliveryAbandoned, EventName = nameof(LogEventIds.PushDeliveryAbandoned), Level = LogLevel.Error,
        Message = "Push envelope {StatusId} (collection {Collection}) was not imported after {Attempts} attempt(s); its objects are reported as failed in its status so the partner can send them again: {Error}")]
    public static partial void DeliveryAbandoned(ILogger logger, string statusId, string collection, int attempts, string error);

    [LoggerMessage(EventId = LogEventIds.PushDeliveryFailure, EventName = nameof(LogEventIds.PushDeliveryFailure), Level = LogLevel.Debug,
        Message = "Push envelope {StatusId}: the failure that ended its delivery")]
    public static partial void DeliveryFailure(ILogger logger, string statusId, Exception exception);

    [LoggerMessage(EventId = LogEventIds.PushStatusNotRecorded, EventName = nameof(LogEventIds.PushStatusNotRecorded), Level = LogLevel.Error,
        Message = "Could not record the status of push envelope {StatusId} (collection {Collection}); it stays in the spool and is delivered again at the next start (already-sent versions are skipped). Check that the spool in {DataDirectory} is writable: {Error}")]
    public static partial void StatusNotRecorded(ILogger logger, string statusId, string collection, string dataDirectory, string error);

    [LoggerMessage(EventId = LogEventIds.PushEnvelopeUnreadable, EventName = nameof(LogEventIds.PushEnvelopeUnreadable), Level = LogLevel.Error,
        Message = "Push envelope {StatusId} (collection {Collection}) could not be read from the spool; its objects are reported as failed: {Error}")]
    public static partial void EnvelopeUnreadable(ILogger logger, string statusId, string collection, string error);

    [LoggerMessage(EventId = LogEventIds.PushWorkCloseFailed, EventName = nameof(LogEventIds.PushWorkCloseFailed), Level = LogLevel.Warning,
        Message = "Could not close OpenCTI work {WorkId} of push envelope {StatusId}: {Error}")]
    public static partial void WorkCloseFailed(ILogger logger, string? workId, string statusId, string error);

    [LoggerMessage(EventId = LogEventIds.PushConsumerStopped, EventName = nameof(LogEventIds.PushConsumerStopped), Level = LogLevel.Information,
        Message = "Push consumer stopped; undelivered envelopes stay in the spool for the next start")]
    public static partial void ConsumerStopped(ILogger logger);
}
