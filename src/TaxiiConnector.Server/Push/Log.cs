using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Server.Push;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.PushEndpointStarted, EventName = nameof(LogEventIds.PushEndpointStarted), Level = LogLevel.Information, Message = "TAXII push endpoint listening on {BaseUrl} (API root /{ApiRoot}/, {CollectionCount} collection(s), {PendingCount} envelope(s) pending from before)")]
    public static partial void PushEndpointStarted(ILogger logger, Uri baseUrl, string apiRoot, int collectionCount, int pendingCount);

    [LoggerMessage(EventId = LogEventIds.EnvelopeAccepted, EventName = nameof(LogEventIds.EnvelopeAccepted), Level = LogLevel.Information, Message = "Accepted {ObjectCount} object(s) from {UserName} into collection {CollectionId} (status {StatusId})")]
    public static partial void EnvelopeAccepted(ILogger logger, int objectCount, string userName, string collectionId, string statusId);

    // Only the reason and the user name: never a credential or an Authorization value.
    [LoggerMessage(EventId = LogEventIds.PushRejected, EventName = nameof(LogEventIds.PushRejected), Level = LogLevel.Warning, Message = "Rejected {Method} {Path} with {StatusCode}: {Reason}")]
    public static partial void PushRejected(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = LogEventIds.SpoolFileUnreadable, EventName = nameof(LogEventIds.SpoolFileUnreadable), Level = LogLevel.Error, Message = "Spool file {FileName} is unreadable; kept as {FileName}.unreadable for inspection and skipped")]
    public static partial void SpoolFileUnreadable(ILogger logger, string fileName);
}
