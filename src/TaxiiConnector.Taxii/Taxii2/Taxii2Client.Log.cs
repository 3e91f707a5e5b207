using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Taxii.Taxii2;

public sealed partial class Taxii2Client
{
    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.Discovered, EventName = nameof(LogEventIds.Discovered), Level = LogLevel.Debug,
            Message = "TAXII {Version} discovery {Url}: {ApiRootCount} API root(s)")]
        public static partial void Discovered(ILogger logger, Uri url, TaxiiVersion version, int apiRootCount);

        [LoggerMessage(EventId = LogEventIds.VersionProbed, EventName = nameof(LogEventIds.VersionProbed), Level = LogLevel.Information,
            Message = "{Url} did not answer as TAXII 2.1; it answered as TAXII {Version}")]
        public static partial void VersionProbed(ILogger logger, Uri url, TaxiiVersion version);

        [LoggerMessage(EventId = LogEventIds.InvalidApiRoot, EventName = nameof(LogEventIds.InvalidApiRoot), Level = LogLevel.Warning,
            Message = "Discovery {Url} advertises an API root that is not a URL, skipped: {ApiRoot}")]
        public static partial void InvalidApiRoot(ILogger logger, Uri url, string apiRoot);

        [LoggerMessage(EventId = LogEventIds.CollectionWithoutId, EventName = nameof(LogEventIds.CollectionWithoutId), Level = LogLevel.Warning,
            Message = "{Url} lists a collection without an id; skipped")]
        public static partial void CollectionWithoutId(ILogger logger, Uri url);

        [LoggerMessage(EventId = LogEventIds.UnexpectedContentType, EventName = nameof(LogEventIds.UnexpectedContentType), Level = LogLevel.Warning,
            Message = "{Url} answered with Content-Type {ContentType} instead of {Expected}; reading it as JSON anyway (logged once)")]
        public static partial void UnexpectedContentType(ILogger logger, Uri url, string contentType, string expected);

        [LoggerMessage(EventId = LogEventIds.RequestFailed, EventName = nameof(LogEventIds.RequestFailed), Level = LogLevel.Debug,
            Message = "TAXII request {Url} failed with HTTP {Status}: {ErrorTitle} ({ErrorDescription})")]
        public static partial void RequestFailed(ILogger logger, Uri url, int status, string errorTitle, string errorDescription);

        [LoggerMessage(EventId = LogEventIds.BodyRetry, EventName = nameof(LogEventIds.BodyRetry), Level = LogLevel.Warning,
            Message = "Retry {Attempt} of {Url} in {DelaySeconds:0.0} s: {Reason}")]
        public static partial void BodyRetry(ILogger logger, Uri url, int attempt, double delaySeconds, string reason);

        [LoggerMessage(EventId = LogEventIds.LimitHalved, EventName = nameof(LogEventIds.LimitHalved), Level = LogLevel.Warning,
            Message = "{Url} answered 413 (payload too large); asking again with a page size of {NewLimit} instead of {OldLimit}")]
        public static partial void LimitHalved(ILogger logger, Uri url, int? oldLimit, int newLimit);

        [LoggerMessage(EventId = LogEventIds.NextRejected, EventName = nameof(LogEventIds.NextRejected), Level = LogLevel.Warning,
            Message = "{Url} rejected the next cursor with HTTP {Status} (expired?); resuming with added_after={AddedAfter}")]
        public static partial void NextRejected(ILogger logger, Uri url, int status, string addedAfter);

        [LoggerMessage(EventId = LogEventIds.NextWithoutMore, EventName = nameof(LogEventIds.NextWithoutMore), Level = LogLevel.Warning,
            Message = "{Url} sent a next cursor without more=true; by the TAXII 2.1 spec the result is complete, so paging stops (FollowNextWithoutMore follows it)")]
        public static partial void NextWithoutMore(ILogger logger, Uri url);

        [LoggerMessage(EventId = LogEventIds.InvalidDateAddedHeader, EventName = nameof(LogEventIds.InvalidDateAddedHeader), Level = LogLevel.Warning,
            Message = "{Url} sent X-TAXII-Date-Added-Last '{Value}', which is not an RFC 3339 timestamp; it is not used as a cursor (logged once per collection)")]
        public static partial void InvalidDateAddedHeader(ILogger logger, Uri url, string value);

        [LoggerMessage(EventId = LogEventIds.PageRead, EventName = nameof(LogEventIds.PageRead), Level = LogLevel.Debug,
            Message = "Collection {CollectionId} page {Page}: {Objects} object(s), {Fresh} new, more={More}, next={HasNext}")]
        public static partial void PageRead(ILogger logger, string collectionId, int page, int objects, int fresh, bool more, bool hasNext);

        [LoggerMessage(EventId = LogEventIds.RangeFormSwitched, EventName = nameof(LogEventIds.RangeFormSwitched), Level = LogLevel.Debug,
            Message = "{Url} rejected 'Range: {Rejected}'; trying 'Range: {Instead}'")]
        public static partial void RangeFormSwitched(ILogger logger, Uri url, string rejected, string instead);

        [LoggerMessage(EventId = LogEventIds.RangeFormLearned, EventName = nameof(LogEventIds.RangeFormLearned), Level = LogLevel.Information,
            Message = "TAXII 2.0 server {Server} takes the Range header as '{Form}'; it is sent that way for the rest of this process (said once)")]
        public static partial void RangeFormLearned(ILogger logger, string server, string form);

        [LoggerMessage(EventId = LogEventIds.ShortRangeWidened, EventName = nameof(LogEventIds.ShortRangeWidened), Level = LogLevel.Warning,
            Message = "{Url} answered 'Range: {Range}' with no objects although Content-Range '{ContentRange}' says more exist; asking again with 'Range: {Wider}'")]
        public static partial void ShortRangeWidened(ILogger logger, Uri url, string range, string contentRange, string wider);
    }
}
