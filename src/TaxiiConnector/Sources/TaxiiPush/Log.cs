using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.TaxiiPush;

internal static partial class Log
{
    [LoggerMessage(EventId = 8100, EventName = "PushEndpointListening", Level = LogLevel.Information,
        Message = "TAXII push endpoint: discovery {DiscoveryUrl}, API root {ApiRootUrl}, {Collections} collections, {Users} users, {Pending} envelopes pending from before")]
    public static partial void EndpointListening(ILogger logger, Uri discoveryUrl, Uri apiRootUrl, int collections, int users, int pending);

    [LoggerMessage(EventId = 8101, EventName = "PushEnvelopeDelivered", Level = LogLevel.Information,
        Message = "Push envelope {StatusId} from {User} to collection {Collection}: {Objects} objects, {Succeeded} imported, {Failed} not imported")]
    public static partial void EnvelopeDelivered(ILogger logger, string statusId, string user, string collection, int objects, int succeeded, int failed);

    [LoggerMessage(EventId = 8102, EventName = "PushDeliveryRetrying", Level = LogLevel.Warning,
        Message = "Could not {Action} push envelope {StatusId} (collection {Collection}, failure {Failures}); retrying in {DelaySeconds:F1} s: {Error}")]
    public static partial void DeliveryRetrying(ILogger logger, string action, string statusId, string collection, int failures, double delaySeconds, string error);

    [LoggerMessage(EventId = 8103, EventName = "PushEnvelopeUnreadable", Level = LogLevel.Error,
        Message = "Push envelope {StatusId} (collection {Collection}) could not be read from the spool; its objects are reported as failed: {Error}")]
    public static partial void EnvelopeUnreadable(ILogger logger, string statusId, string collection, string error);

    [LoggerMessage(EventId = 8104, EventName = "PushWorkCloseFailed", Level = LogLevel.Warning,
        Message = "Could not close OpenCTI work {WorkId} of push envelope {StatusId}: {Error}")]
    public static partial void WorkCloseFailed(ILogger logger, string? workId, string statusId, string error);

    [LoggerMessage(EventId = 8105, EventName = "PushConsumerStopped", Level = LogLevel.Information,
        Message = "Push consumer stopped; undelivered envelopes stay in the spool for the next start")]
    public static partial void ConsumerStopped(ILogger logger);
}
