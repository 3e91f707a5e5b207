using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.Taxii11;

internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "TAXII 1.1: TLS certificate verification is OFF ({Key} is false); the server's identity is not checked")]
    public static partial void TlsVerificationOff(ILogger logger, string key);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "TAXII 1.1 collection '{Collection}' is listed as unavailable; skipped")]
    public static partial void CollectionUnavailable(ILogger logger, string collection);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "TAXII 1.1 collection '{Collection}': polling window {Window}")]
    public static partial void PollingWindow(ILogger logger, string collection, string window);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug, Message = "TAXII 1.1 collection '{Collection}': window {Window} done ({Parts} parts, {Blocks} content blocks)")]
    public static partial void WindowDone(ILogger logger, string collection, string window, int parts, int blocks);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "TAXII 1.1 collection '{Collection}': {Count} indicators could not be converted ({Reasons})")]
    public static partial void IndicatorsSkipped(ILogger logger, string collection, int count, string reasons);

    [LoggerMessage(EventId = 1207, EventName = "Taxii11MarkingNotConverted", Level = LogLevel.Warning, Message = "TAXII 1.1 collection '{Collection}': STIX 1 marking {Marking} cannot be converted; the objects it marks are imported without it (logged once per collection and run)")]
    public static partial void MarkingNotConverted(ILogger logger, string collection, string marking);

    [LoggerMessage(EventId = 1208, EventName = "Taxii11ElementsNotConverted", Level = LogLevel.Information, Message = "TAXII 1.1 collection '{Collection}': {Count} STIX 1 elements have no STIX 2.1 conversion and were not imported (by element type: {Types})")]
    public static partial void ElementsNotConverted(ILogger logger, string collection, int count, string types);
}
