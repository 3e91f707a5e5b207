using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.Taxii11;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.TlsVerificationOff, EventName = nameof(LogEventIds.TlsVerificationOff), Level = LogLevel.Warning, Message = "TAXII 1.1: TLS certificate verification is OFF ({Key} is false); the server's identity is not checked")]
    public static partial void TlsVerificationOff(ILogger logger, string key);

    [LoggerMessage(EventId = LogEventIds.CollectionUnavailable, EventName = nameof(LogEventIds.CollectionUnavailable), Level = LogLevel.Information, Message = "TAXII 1.1 collection '{Collection}' is listed as unavailable; skipped")]
    public static partial void CollectionUnavailable(ILogger logger, string collection);

    [LoggerMessage(EventId = LogEventIds.PollingWindow, EventName = nameof(LogEventIds.PollingWindow), Level = LogLevel.Debug, Message = "TAXII 1.1 collection '{Collection}': polling window {Window}")]
    public static partial void PollingWindow(ILogger logger, string collection, string window);

    [LoggerMessage(EventId = LogEventIds.WindowDone, EventName = nameof(LogEventIds.WindowDone), Level = LogLevel.Debug, Message = "TAXII 1.1 collection '{Collection}': window {Window} done ({Parts} parts, {Blocks} content blocks)")]
    public static partial void WindowDone(ILogger logger, string collection, string window, int parts, int blocks);

    [LoggerMessage(EventId = LogEventIds.IndicatorsSkipped, EventName = nameof(LogEventIds.IndicatorsSkipped), Level = LogLevel.Warning, Message = "TAXII 1.1 collection '{Collection}': {Count} indicators could not be converted ({Reasons})")]
    public static partial void IndicatorsSkipped(ILogger logger, string collection, int count, string reasons);

    [LoggerMessage(EventId = LogEventIds.Taxii11MarkingNotConverted, EventName = nameof(LogEventIds.Taxii11MarkingNotConverted), Level = LogLevel.Warning, Message = "TAXII 1.1 collection '{Collection}': STIX 1 marking {Marking} cannot be converted; the objects it marks are imported without it (logged once per collection and run)")]
    public static partial void MarkingNotConverted(ILogger logger, string collection, string marking);

    [LoggerMessage(EventId = LogEventIds.Taxii11ElementsNotConverted, EventName = nameof(LogEventIds.Taxii11ElementsNotConverted), Level = LogLevel.Information, Message = "TAXII 1.1 collection '{Collection}': {Count} STIX 1 elements have no STIX 2.1 conversion and were not imported (by element type: {Types})")]
    public static partial void ElementsNotConverted(ILogger logger, string collection, int count, string types);
}
