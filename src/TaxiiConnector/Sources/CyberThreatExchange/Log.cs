using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>Log lines of the Cyber Threat Exchange source (event ids 10xxx). None of them carries the API key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.CtxFeedsSelected, EventName = nameof(LogEventIds.CtxFeedsSelected), Level = LogLevel.Information,
        Message = "Cyber Threat Exchange: {Count} of {Configured} configured feed(s) to pull")]
    public static partial void FeedsSelected(ILogger logger, int count, int configured);

    [LoggerMessage(EventId = LogEventIds.CtxListingStopped, EventName = nameof(LogEventIds.CtxListingStopped),
        Message = "Cyber Threat Exchange {Listing}: {Reason}")]
    public static partial void ListingStopped(ILogger logger, LogLevel level, string listing, string reason);

    [LoggerMessage(EventId = LogEventIds.CtxRetrying, EventName = nameof(LogEventIds.CtxRetrying), Level = LogLevel.Warning,
        Message = "Cyber Threat Exchange GET {Path} failed ({Outcome}); retry {Attempt} in {DelaySeconds} s")]
    public static partial void Retrying(ILogger logger, string path, string outcome, int attempt, double delaySeconds);

    [LoggerMessage(EventId = LogEventIds.CtxSubscriptionMalformed, EventName = nameof(LogEventIds.CtxSubscriptionMalformed), Level = LogLevel.Warning,
        Message = "Cyber Threat Exchange subscription entry without feed.id ignored")]
    public static partial void SubscriptionMalformed(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.CtxSubscribedNotConfigured, EventName = nameof(LogEventIds.CtxSubscribedNotConfigured), Level = LogLevel.Debug,
        Message = "Cyber Threat Exchange feed {FeedName} ({FeedId}) is subscribed but not in cyberthreatexchange.feed_ids: skipped")]
    public static partial void SubscribedNotConfigured(ILogger logger, string feedName, string feedId);

    [LoggerMessage(EventId = LogEventIds.CtxPageRead, EventName = nameof(LogEventIds.CtxPageRead), Level = LogLevel.Debug,
        Message = "Cyber Threat Exchange {Listing}: page {Page} with {Count} item(s)")]
    public static partial void PageRead(ILogger logger, string listing, int page, int count);
}
