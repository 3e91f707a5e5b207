using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>Log lines of the Cyber Threat Exchange source (event ids 10xxx). None of them carries the API key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10004, EventName = "CtxFeedsSelected", Level = LogLevel.Information,
        Message = "Cyber Threat Exchange: {Count} of {Configured} configured feed(s) to pull")]
    public static partial void FeedsSelected(ILogger logger, int count, int configured);

    [LoggerMessage(EventId = 10005, EventName = "CtxListingStopped",
        Message = "Cyber Threat Exchange {Listing}: {Reason}")]
    public static partial void ListingStopped(ILogger logger, LogLevel level, string listing, string reason);

    [LoggerMessage(EventId = 10006, EventName = "CtxRetrying", Level = LogLevel.Warning,
        Message = "Cyber Threat Exchange GET {Path} failed ({Outcome}); retry {Attempt} in {DelaySeconds} s")]
    public static partial void Retrying(ILogger logger, string path, string outcome, int attempt, double delaySeconds);

    [LoggerMessage(EventId = 10007, EventName = "CtxSubscriptionMalformed", Level = LogLevel.Warning,
        Message = "Cyber Threat Exchange subscription entry without feed.id ignored")]
    public static partial void SubscriptionMalformed(ILogger logger);

    [LoggerMessage(EventId = 10008, EventName = "CtxSubscribedNotConfigured", Level = LogLevel.Debug,
        Message = "Cyber Threat Exchange feed {FeedName} ({FeedId}) is subscribed but not in cyberthreatexchange.feed_ids: skipped")]
    public static partial void SubscribedNotConfigured(ILogger logger, string feedName, string feedId);

    [LoggerMessage(EventId = 10009, EventName = "CtxPageRead", Level = LogLevel.Debug,
        Message = "Cyber Threat Exchange {Listing}: page {Page} with {Count} item(s)")]
    public static partial void PageRead(ILogger logger, string listing, int page, int count);
}
