namespace TaxiiConnector.Server;

/// <summary>
/// Every logging event id of this assembly, in one place so that no two events share an id. A log line's
/// <c>EventId.Name</c> is the constant's name.
/// </summary>
internal static class LogEventIds
{
    public const int ServerStarted = 1;
    public const int ObjectsServed = 2;
    public const int RequestRejected = 4;
    public const int PushEndpointStarted = 101;
    public const int EnvelopeAccepted = 102;
    public const int PushRejected = 103;
    public const int SpoolFileUnreadable = 104;
}
