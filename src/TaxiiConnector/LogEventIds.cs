namespace TaxiiConnector;

/// <summary>
/// Every logging event id of this assembly, in one place so that no two events share an id. A log line's
/// <c>EventId.Name</c> is the constant's name.
/// </summary>
internal static class LogEventIds
{
    public const int ScheduleStarted = 1;
    public const int RunStarting = 2;
    public const int RunCompleted = 3;
    public const int RunFailed = 4;
    public const int RunCancelled = 5;
    public const int NextRun = 6;
    public const int SchedulerStopped = 7;
    public const int SingleRunFailed = 8;
    public const int RunFailure = 9;
    public const int UnknownSetting = 11;
    public const int IgnoredSourceSettings = 12;
    public const int StartFailed = 13;
    public const int StartFailure = 14;
    public const int TlsVerificationOff = 1201;
    public const int CollectionUnavailable = 1202;
    public const int PollingWindow = 1204;
    public const int WindowDone = 1205;
    public const int IndicatorsSkipped = 1206;
    public const int Taxii11MarkingNotConverted = 1207;
    public const int Taxii11ElementsNotConverted = 1208;
    public const int CollectionDone = 6001;
    public const int CollectionFailed = 6002;
    public const int CollectionFailure = 6003;
    public const int PushRetrying = 6004;
    public const int SourceFailed = 6005;
    public const int SourceRunCancelled = 6006;
    public const int WorkCloseFailed = 6007;
    public const int SourceRunStarting = 6008;
    public const int SourceDone = 6009;
    public const int RunSkipped = 6010;
    public const int FailureWorkNotOpened = 6011;
    public const int CollectionCleaned = 6012;
    public const int CollectionsSelected = 6101;
    public const int LastRunNotStored = 6150;
    public const int PushEndpointListening = 8100;
    public const int PushEnvelopeDelivered = 8101;
    public const int PushDeliveryRetrying = 8102;
    public const int PushEnvelopeUnreadable = 8103;
    public const int PushWorkCloseFailed = 8104;
    public const int PushConsumerStopped = 8105;
    public const int PushDeliveryAbandoned = 8106;
    public const int PushStatusNotRecorded = 8107;
    public const int PushDeliveryFailure = 8108;
    public const int CtxFeedsSelected = 10004;
    public const int CtxListingStopped = 10005;
    public const int CtxRetrying = 10006;
    public const int CtxSubscriptionMalformed = 10007;
    public const int CtxSubscribedNotConfigured = 10008;
    public const int CtxPageRead = 10009;
    public const int ObserverFailed = 11001;
    public const int RunProgress = 11101;
    public const int ObservabilityListening = 11201;
    public const int ObservabilityBindFailed = 11202;
    public const int DedupDatabaseUnusable = 20001;
    public const int DedupDatabaseMissing = 20002;
    public const int DedupUnavailable = 20003;
    public const int DedupLookupFailed = 20004;
    public const int DedupRecordFailed = 20005;
    public const int DedupEvicted = 20006;
    public const int DedupFailure = 20007;
    public const int RunReportWriteFailed = 20101;
}
