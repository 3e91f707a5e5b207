namespace TaxiiConnector.Stix;

/// <summary>
/// Every logging event id of this assembly, in one place so that no two events share an id. A log line's
/// <c>EventId.Name</c> is the constant's name.
/// </summary>
internal static class LogEventIds
{
    public const int InvalidObjectDropped = 4001;
    public const int FilteredObjectDropped = 4002;
    public const int LabelRegexTimedOut = 4003;
    public const int PageTransformed = 4004;
    public const int ObjectTooLargeForBundle = 4101;
}
