namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>The <c>status_type</c> values of TAXII 1.1 (TAXII Services Specification 1.1, table 3).</summary>
public static class Taxii1StatusType
{
    public const string Success = "SUCCESS";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Denied = "DENIED";
    public const string NotFound = "NOT_FOUND";
    public const string BadMessage = "BAD_MESSAGE";
    public const string Failure = "FAILURE";
    public const string Retry = "RETRY";
    public const string Pending = "PENDING";
    public const string AsynchronousPollError = "ASYNCHRONOUS_POLL_ERROR";
    public const string InvalidResponsePart = "INVALID_RESPONSE_PART";
    public const string PollingUnsupported = "POLLING_UNSUPPORTED";
    public const string UnsupportedMessage = "UNSUPPORTED_MESSAGE";
    public const string UnsupportedContent = "UNSUPPORTED_CONTENT";
    public const string UnsupportedProtocol = "UNSUPPORTED_PROTOCOL";
    public const string UnsupportedQuery = "UNSUPPORTED_QUERY";
    public const string DestinationCollectionError = "DESTINATION_COLLECTION_ERROR";
    public const string NetworkError = "NETWORK_ERROR";

    /// <summary>What the connector should do about a status (reference §1.7).</summary>
    public static Taxii1ErrorKind Classify(string statusType) => statusType switch
    {
        Unauthorized => Taxii1ErrorKind.Authentication,
        Denied => Taxii1ErrorKind.Permission,
        NotFound or PollingUnsupported or UnsupportedMessage or UnsupportedContent or UnsupportedProtocol
            or UnsupportedQuery or DestinationCollectionError => Taxii1ErrorKind.Configuration,
        BadMessage => Taxii1ErrorKind.BadRequest,
        Failure or Retry or Pending or NetworkError => Taxii1ErrorKind.Transient,
        _ => Taxii1ErrorKind.Protocol,
    };
}
