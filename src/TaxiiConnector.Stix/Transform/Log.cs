using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Stix.Transform;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.InvalidObjectDropped, EventName = nameof(LogEventIds.InvalidObjectDropped), Level = LogLevel.Warning,
        Message = "Dropped page entry {Index} ({Id}): {Reason}, {Detail}")]
    public static partial void InvalidObjectDropped(ILogger logger, int index, string id, string reason, string detail);

    [LoggerMessage(EventId = LogEventIds.FilteredObjectDropped, EventName = nameof(LogEventIds.FilteredObjectDropped), Level = LogLevel.Debug,
        Message = "Filtered out {Id}: {Reason}, {Detail}")]
    public static partial void FilteredObjectDropped(ILogger logger, string id, string reason, string detail);

    [LoggerMessage(EventId = LogEventIds.LabelRegexTimedOut, EventName = nameof(LogEventIds.LabelRegexTimedOut), Level = LogLevel.Warning,
        Message = "Label exclusion pattern '{Pattern}' timed out on a label of {Id}; the label is kept")]
    public static partial void LabelRegexTimedOut(ILogger logger, string pattern, string id);

    [LoggerMessage(EventId = LogEventIds.PageTransformed, EventName = nameof(LogEventIds.PageTransformed), Level = LogLevel.Debug,
        Message = "Transformed a page: {ObjectsIn} in, {ObjectsOut} out, {Dropped} dropped")]
    public static partial void PageTransformed(ILogger logger, int objectsIn, int objectsOut, int dropped);
}
