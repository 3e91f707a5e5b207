using System.Globalization;
using System.Runtime.CompilerServices;
using TaxiiConnector.Sources.CyberThreatExchange.Http;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>
/// One subscribed feed: its pages from the committed cursor, each carrying the <c>added_after</c> value that resumes
/// right after it.
/// </summary>
/// <remarks>
/// The cursor is the value sent as <c>added_after</c>. A page whose response names the next page's <c>added_after</c>
/// (a <c>next</c> cursor, or a <c>next</c> URL carrying one) commits exactly that. Pages the server chains by page
/// number or by a URL without a cursor cannot be resumed mid-way, so they commit the last exact resume point of the
/// run (at worst the run's start: the run is read again, never skipped). The last page commits the run mark: the
/// server's <c>Date</c> of the first page (the local clock only when the server sent none) minus
/// <see cref="RunMarkOverlap"/>, because the Python connector's "start of the run" is the only resume point the API
/// offers once a feed is read to its end, and reading a minute twice is harmless (OpenCTI upserts by STIX id) while
/// missing one is not.
/// </remarks>
internal sealed class CtxFeedCollection : ISourceCollection
{
    public const string StateKeyPrefix = "cyberthreatexchange|";

    internal static readonly TimeSpan RunMarkOverlap = TimeSpan.FromMinutes(1);

    private readonly CtxFeedsClient _client;
    private readonly CyberThreatExchangeOptions _options;
    private readonly TimeProvider _timeProvider;

    public CtxFeedCollection(CtxSubscription feed, CtxFeedsClient client, CyberThreatExchangeOptions options, TimeProvider timeProvider)
    {
        Feed = feed;
        _client = client;
        _options = options;
        _timeProvider = timeProvider;
    }

    public CtxSubscription Feed { get; }

    public string StateKey => StateKeyPrefix + Feed.FeedId;

    public string DisplayName => $"{Feed.FeedName} ({Feed.FeedId})";

    /// <summary>The one timestamp format this source sends and stores: UTC, microseconds, <c>Z</c>.</summary>
    public static string FormatCursor(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public async IAsyncEnumerable<SourcePage> ReadPagesAsync(string? committedCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var localStart = _timeProvider.GetUtcNow();
        var startCursor = string.IsNullOrEmpty(committedCursor) ? InitialCursor(localStart) : committedCursor;
        var resumePoint = startCursor;
        DateTimeOffset? runStart = null;

        await foreach (var page in _client.GetFeedObjectsAsync(Feed.FeedId, startCursor, cancellationToken))
        {
            runStart ??= page.ServerDate ?? localStart;
            if (page.ResumeCursor is { } resume)
                resumePoint = resume;

            var cursorAfter = page.IsLast ? FormatCursor(runStart.Value - RunMarkOverlap) : resumePoint ?? "";
            yield return new SourcePage(page.Number, page.Items, cursorAfter, page.Owner);
        }
    }

    /// <summary>Null (the whole feed, as the Python connector reads it) unless <c>initial_history</c> hours are set.</summary>
    private string? InitialCursor(DateTimeOffset now) =>
        _options.InitialHistoryHours > 0 ? FormatCursor(now - TimeSpan.FromHours(_options.InitialHistoryHours)) : null;
}
