namespace TaxiiConnector.OpenCti;

/// <summary>
/// Every logging event id of this assembly, in one place so that no two events share an id. A log line's
/// <c>EventId.Name</c> is the constant's name.
/// </summary>
internal static class LogEventIds
{
    public const int OpenCtiGraphQLSending = 5100;
    public const int OpenCtiConnectorRegistered = 5110;
    public const int OpenCtiRegistrationSchemaProbed = 5111;
    public const int OpenCtiRegistrationSchemaUnknown = 5112;
    public const int OpenCtiPingFailed = 5120;
    public const int OpenCtiStateAdopted = 5121;
    public const int OpenCtiConnectorDeleted = 5122;
    public const int OpenCtiWorkStarted = 5130;
    public const int OpenCtiWorkCompleted = 5131;
    public const int OpenCtiExpectationsNotAdded = 5132;
    public const int OpenCtiQueueBuffering = 5140;
    public const int OpenCtiApiBundlePushed = 5150;
    public const int DirectoryBundleWritten = 5160;
    public const int AmqpConnected = 5170;
    public const int AmqpPublishRetrying = 5171;
    public const int AmqpPublishRejected = 5172;
    public const int AmqpBundlePublished = 5173;
    public const int AmqpTlsNotVerified = 5174;
    public const int OpenCtiRetrying = 7090;
}
