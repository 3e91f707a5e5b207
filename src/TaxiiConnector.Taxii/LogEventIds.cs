namespace TaxiiConnector.Taxii;

/// <summary>
/// Every logging event id of this assembly, in one place so that no two events share an id. A log line's
/// <c>EventId.Name</c> is the constant's name.
/// </summary>
internal static class LogEventIds
{
    public const int CertificateValidationDisabled = 1001;
    public const int ClientCertificateLoaded = 1002;
    public const int TokenRejected = 1101;
    public const int StatusReceived = 1102;
    public const int FulfilmentEmptyBody = 1103;
    public const int FulfilmentInvalidPart = 1104;
    public const int PartCapReached = 1105;
    public const int InResponseToMismatch = 1106;
    public const int Discovered = 1201;
    public const int VersionProbed = 1202;
    public const int InvalidApiRoot = 1203;
    public const int CollectionWithoutId = 1204;
    public const int UnexpectedContentType = 1205;
    public const int RequestFailed = 1206;
    public const int BodyRetry = 1207;
    public const int LimitHalved = 1208;
    public const int NextRejected = 1209;
    public const int NextWithoutMore = 1210;
    public const int InvalidDateAddedHeader = 1211;
    public const int PageRead = 1212;
    public const int RangeFormSwitched = 1213;
    public const int RangeFormLearned = 1214;
    public const int ShortRangeWidened = 1215;
    public const int HttpRetrying = 1290;
    public const int ApiRootFailed = 1301;
    public const int ApiRootInfoFailed = 1302;
    public const int EntrySelectsNothing = 1401;
    public const int NotReadable = 1402;
    public const int WaitingOnStatus = 1403;
}
