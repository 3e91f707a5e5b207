using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Server.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "ServerStarted", Level = LogLevel.Information, Message = "TAXII 2.1 server listening on {BaseUrl} (API root /{ApiRoot}/, {CollectionCount} collection(s))")]
    public static partial void ServerStarted(ILogger logger, Uri baseUrl, string apiRoot, int collectionCount);

    [LoggerMessage(EventId = 2, EventName = "ObjectsServed", Level = LogLevel.Debug, Message = "Served page {PageNumber} of collection {CollectionId}: {ObjectCount} object(s), more={More}")]
    public static partial void ObjectsServed(ILogger logger, string collectionId, int pageNumber, int objectCount, bool more);

    [LoggerMessage(EventId = 4, EventName = "RequestRejected", Level = LogLevel.Debug, Message = "Rejected {Method} {Path} with {StatusCode}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int statusCode, string reason);
}
