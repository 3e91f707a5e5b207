using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Taxii.Taxii1;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.WaitingOnStatus, EventName = nameof(LogEventIds.WaitingOnStatus), Level = LogLevel.Warning, Message = "TAXII 1.1 {StatusType} from {Url}: waiting {WaitSeconds} s before asking again ({Attempt}/{MaxAttempts})")]
    public static partial void WaitingOnStatus(ILogger logger, string statusType, Uri url, double waitSeconds, int attempt, int maxAttempts);

    [LoggerMessage(EventId = LogEventIds.StatusReceived, EventName = nameof(LogEventIds.StatusReceived), Level = LogLevel.Error, Message = "TAXII 1.1 {StatusType} from {Url}: {Description}")]
    public static partial void StatusReceived(ILogger logger, string statusType, Uri url, string description);

    [LoggerMessage(EventId = LogEventIds.FulfilmentEmptyBody, EventName = nameof(LogEventIds.FulfilmentEmptyBody), Level = LogLevel.Debug, Message = "TAXII 1.1 collection '{Collection}': a Poll_Fulfillment after part {Parts} got an empty body; the result is complete")]
    public static partial void FulfilmentEmptyBody(ILogger logger, string collection, int parts);

    [LoggerMessage(EventId = LogEventIds.FulfilmentInvalidPart, EventName = nameof(LogEventIds.FulfilmentInvalidPart), Level = LogLevel.Debug, Message = "TAXII 1.1 collection '{Collection}': INVALID_RESPONSE_PART after part {Parts} (server's last part: {MaxPart}); the result is complete")]
    public static partial void FulfilmentInvalidPart(ILogger logger, string collection, int parts, string? maxPart);

    [LoggerMessage(EventId = LogEventIds.PartCapReached, EventName = nameof(LogEventIds.PartCapReached), Level = LogLevel.Error, Message = "TAXII 1.1 collection '{Collection}' at {Url}: still more=\"true\" after {MaxParts} parts; stopping this poll (raise the part cap or shorten the window)")]
    public static partial void PartCapReached(ILogger logger, string collection, Uri url, int maxParts);

    [LoggerMessage(EventId = LogEventIds.InResponseToMismatch, EventName = nameof(LogEventIds.InResponseToMismatch), Level = LogLevel.Debug, Message = "TAXII 1.1 server {Url} answered message {MessageId} with in_response_to '{InResponseTo}'")]
    public static partial void InResponseToMismatch(ILogger logger, Uri url, string messageId, string inResponseTo);
}
