using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Server.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.ServerStarted, EventName = nameof(LogEventIds.ServerStarted), Level = LogLevel.Information, Message = "TAXII 2.1 server listening on {BaseUrl} (API root /{ApiRoot}/, {CollectionCount} collection(s))")]
    public static partial void ServerStarted(ILogger logger, Uri baseUrl, string apiRoot, int collectionCount);

    [LoggerMessage(EventId = LogEventIds.ObjectsServed, EventName = nameof(LogEventIds.ObjectsServed), Level = LogLevel.Debug, Message = "Served page {PageNumber} of collection {CollectionId}: {ObjectCount} object(s), more={More}")]
    public static partial void ObjectsServed(ILogger logger, string collectionId, int pageNumber, int objectCount, bool more);

    [LoggerMessage(EventId = LogEventIds.RequestRejected, EventName = nameof(LogEventIds.RequestRejected), Level = LogLevel.Debug, Message = "Rejected {Method} {Path} with {StatusCode}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int statusCode, string reason);
}
