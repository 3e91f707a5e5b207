using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Stix.Bundles;

internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.ObjectTooLargeForBundle, EventName = nameof(LogEventIds.ObjectTooLargeForBundle), Level = LogLevel.Warning,
        Message = "Dropped {Id} ({Type}): {Bytes} bytes do not fit in a bundle of at most {MaxBytes} bytes (connector.max_bundle_bytes)")]
    public static partial void ObjectTooLarge(ILogger logger, string id, string type, int bytes, int maxBytes);
}
