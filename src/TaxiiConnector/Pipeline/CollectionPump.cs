using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Logging;
using TaxiiConnector.Dedup;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.Pipeline.Holding;
using TaxiiConnector.Sources;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Runs one collection: pages are fetched and transformed on one side of a small bounded channel and pushed on the
/// other, so page N+1 is fetched while page N is pushed, and a slow sink holds the fetcher back. The fetch side itself
/// reads one page ahead of the transform, so at most <see cref="PipelineOptions.PageBufferCapacity"/> + 3 pages are in
/// hand (pushing, buffered, transformed, read ahead). A page's cursor is committed only after the sink acknowledged
/// every bundle of it, in page order.
/// </summary>
internal sealed class CollectionPump
{
    private readonly IPageBundler _bundler;
    private readonly BundlePusher _pusher;
    private readonly IStateStore _state;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CollectionPump> _logger;
    private readonly PipelineEvents _events;
    private readonly HeldObjectStore? _heldObjects;
    private readonly ObjectDeduplicator? _dedup;

    public CollectionPump(IPageBundler bundler, BundlePusher pusher, IStateStore state,
        IOptions<PipelineOptions> options, TimeProvider timeProvider, ILogger<CollectionPump> logger, PipelineEvents? events = null,
        HeldObjectStore? heldObjects = null, ObjectDeduplicator? dedup = null)
    {
        _heldObjects = heldObjects;
        _events = events ?? PipelineEvents.None;
        _dedup = dedup;
        _bundler = bundler;
        _pusher = pusher;
        _state = state;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Reads the collection from its committed cursor to its end. Failures are reported, not thrown; only the
    /// caller's cancellation is thrown, after everything in flight was released.
    /// </summary>
    public async Task<CollectionReport> PumpAsync(IConnectorSource source, ISourceCollection collection, string? workId,
        CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var progress = new Progress(StartCursor(collection.StateKey));
        var startCursor = progress.Cursor;
        var dedup = _dedup?.ForCollection(source.Name, collection.StateKey, collection.DisplayName);
        _events.CollectionStarted(source.Name, collection.DisplayName, progress.Cursor);
        var channel = Channel.CreateBounded<PreparedPage>(new BoundedChannelOptions(_options.PageBufferCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        using var fetchCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var holding = _heldObjects?.Open(collection.StateKey);
        var fetching = Task.Run(
            () => FetchAsync(source, collection, progress, dedup, channel.Writer, holding, fetchCancellation.Token),
            CancellationToken.None);
        string? error = null;
        var needsOperator = false;
        try
        {
            var context = new PushContext(workId, source.Name, collection.DisplayName);
            await foreach (var page in channel.Reader.ReadAllAsync(cancellationToken))
            {
                using (page)
                {
                    await PushAndCommitAsync(collection.StateKey, page, context, progress, cancellationToken);
                }
            }

            // The fetcher's own failure (after everything it prepared was pushed) surfaces here.
            await fetching;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbandonAsync(fetchCancellation, channel.Reader, fetching);
            throw;
        }
#pragma warning disable CA1031 // Per-collection isolation: any failure ends this collection, reported, and the next one runs.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await AbandonAsync(fetchCancellation, channel.Reader, fetching);
            var failure = FailureExplainer.Explain(ex, source.Name);
            error = failure.Line;
            needsOperator = failure.NeedsOperator;
            Log.CollectionFailed(_logger, source.Name, collection.DisplayName, progress.Pages, progress.ObjectsOut, progress.Cursor, failure.Line);
            Log.CollectionFailure(_logger, source.Name, collection.DisplayName, ex);
        }

        if (dedup is not null)
        {
            // What the sink acknowledged reaches the database before the next collection (a write never fails the run).
            await dedup.FlushAsync();
        }

        var elapsed = _timeProvider.GetElapsedTime(started);
        var report = new CollectionReport(source.Name, collection.DisplayName, progress.Pages, progress.ObjectsIn,
            progress.ObjectsOut, progress.Dropped, progress.Bundles, elapsed, progress.Cursor, error)
        {
            NeedsOperator = needsOperator,
            DropReasons = progress.DropReasons.Counts,
            ReferencesCut = progress.ReferencesCut.Counts,
            Held = holding?.HeldTotal ?? 0,
            SentAtEnd = progress.SentAtEnd,
            StartCursor = startCursor,
            WorkId = workId,
            DroppedByReason = progress.DroppedByReason,
            Bytes = progress.Bytes,
            Retries = progress.Retries,
            FetchTime = progress.Times.Fetch,
            TransformTime = progress.Times.Transform,
            PushTime = progress.Times.Push,
        };
        Log.CollectionDone(_logger, source.Name, collection.DisplayName, report.Pages, report.ObjectsIn, report.ObjectsOut,
            report.Dropped, elapsed.TotalSeconds, report.ObjectsPerSecond, report.Cursor);
        if (report.ReferencesCut.Count > 0 || report.Held > 0 || report.DropReasons.Keys.Any(IsCleanupDrop))
        {
            Log.CollectionCleaned(_logger, source.Name, collection.DisplayName, Describe(report.DropReasons), Describe(report.ReferencesCut),
                report.Held, report.SentAtEnd);
        }

        _events.CollectionEnded(report);
        return report;
    }

    private static bool IsCleanupDrop(string reason) =>
        reason is "unsupported_type" or "incompatible_relationship";

    private static string Describe(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "nothing" : string.Join(", ", counts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {pair.Key}")));

    private string? StartCursor(string stateKey)
    {
        var committed = _state.GetCursor(stateKey);
        if (committed is not null)
        {
            return committed;
        }

        // The Python connector kept one connector-wide last_run (epoch seconds); every collection starts from there.
        return _state.LegacyLastRun?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private async Task FetchAsync(IConnectorSource source, ISourceCollection collection, Progress progress, CollectionDedup? dedup,
        ChannelWriter<PreparedPage> writer, ReferenceHolding? holding, CancellationToken cancellationToken)
    {
        var committedCursor = progress.Cursor;
        var times = progress.Times;
        var last = (Number: 0, Cursor: committedCursor);
        // The source reads page N+1 (HTTP, parse) on its own while page N is transformed here, so the two halves of the
        // fetch side use both cores. Exactly one page is read ahead; pages still come out in source order.
        using var readAheadCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pages = collection.ReadPagesAsync(committedCursor, readAheadCancellation.Token).GetAsyncEnumerator(readAheadCancellation.Token);
        Task<bool>? readAhead = null;
        try
        {
            readAhead = ReadAheadAsync(pages, times);
            while (await readAhead)
            {
                var page = pages.Current;
                readAhead = null;
                PreparedPage prepared;
                using (page)
                {
                    readAhead = ReadAheadAsync(pages, times);
                    var transformStarted = _timeProvider.GetTimestamp();
                    var bundles = _bundler.Bundle(page, source.TransformOptions, holding, dedup);
                    times.AddTransform(_timeProvider.GetElapsedTime(transformStarted));
                    _pusher.Prepare(bundles.Bundles);
                    prepared = new PreparedPage(page.Number, page.CursorAfter, page.Objects.Count + page.RejectedEntries,
                        page.RejectedEntries + bundles.Dropped, bundles);
                    last = (page.Number, page.CursorAfter);
                }

                _events.PageFetched(source.Name, collection.DisplayName, prepared.ObjectsIn);

                try
                {
                    await writer.WriteAsync(prepared, cancellationToken);
                }
                catch
                {
                    prepared.Dispose();
                    throw;
                }
            }

            readAhead = null;
            if (holding is not null)
            {
                await HeldObjectsAtEnd.WriteAsync(_bundler, holding, source.TransformOptions, last, writer, cancellationToken);
            }
        }
        finally
        {
            if (readAhead is not null)
            {
                // Failing or cancelled: the page read ahead will never be pushed.
                await readAheadCancellation.CancelAsync();
                await ReleaseReadAheadAsync(readAhead, pages);
            }

            await pages.DisposeAsync();
            writer.TryComplete();
        }
    }

    /// <summary>Starts reading the next page; the source's own code runs off this thread (its first step may be synchronous).</summary>
    private Task<bool> ReadAheadAsync(IAsyncEnumerator<SourcePage> pages, StageTimes times) => Task.Run(async () =>
    {
        var started = _timeProvider.GetTimestamp();
        var more = await pages.MoveNextAsync();
        times.AddFetch(_timeProvider.GetElapsedTime(started));
        return more;
    });

    private static async Task ReleaseReadAheadAsync(Task<bool> readAhead, IAsyncEnumerator<SourcePage> pages)
    {
        try
        {
            if (await readAhead)
            {
                pages.Current.Dispose();
            }
        }
#pragma warning disable CA1031 // The run already fails or stops for another reason; this read's outcome no longer matters.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task PushAndCommitAsync(string stateKey, PreparedPage page, PushContext context, Progress progress,
        CancellationToken cancellationToken)
    {
        // Expectations are the sink's business: only it knows how many messages a bundle becomes (one per object
        // over AMQP, none over the API, where the platform's worker adds them).
        var bundles = page.Bundles.Bundles;
        var pushStarted = _timeProvider.GetTimestamp();
        foreach (var bundle in bundles)
        {
            progress.Retries += await _pusher.PushAsync(bundle, context, cancellationToken);
            progress.Bytes += bundle.Json.Length;
        }

        progress.Times.AddPush(_timeProvider.GetElapsedTime(pushStarted));

        // The sink has the page: its versions are recorded now, before the cursor (written to the database in batches
        // on a background task, see ObjectDeduplicator.DefaultWriteBatchSize). A kill -9 before they are written replays the page, or sends them again
        // when the cursor had moved on; one after it replays the page and skips what the sink already has. Recording
        // never comes before the acknowledgement, so a lost or stale database can only make objects go again, never
        // keep one back.
        page.Bundles.Dedup?.Record();

        if (page.CommitsCursor && !string.Equals(page.CursorAfter, progress.Cursor, StringComparison.Ordinal))
        {
            await _state.CommitAsync(stateKey, page.CursorAfter, cancellationToken);
            progress.Cursor = page.CursorAfter;
        }

        page.Bundles.Committed?.Invoke();
        progress.Count(page);

        progress.Pages++;
        progress.ObjectsIn += page.ObjectsIn;
        progress.ObjectsOut += page.Bundles.ObjectsOut;
        progress.Dropped += page.Dropped;
        progress.Bundles += bundles.Count;
        DropCategories.AddTo(progress.DroppedByReason, PagePushed.WithRejected(page.Bundles.DropReasons, page.Dropped - page.Bundles.Dropped));
        _events.PagePushed(context.Source, context.Collection, new PagePushed(page.Bundles.ObjectsOut,
            PagePushed.WithRejected(page.Bundles.DropReasons, page.Dropped - page.Bundles.Dropped), page.CursorAfter)
        {
            ReferencesCut = page.Bundles.ReferencesCut,
        });
    }

    /// <summary>Stops the fetcher and releases every page it prepared but nobody will push.</summary>
    private static async Task AbandonAsync(CancellationTokenSource fetchCancellation, ChannelReader<PreparedPage> reader, Task fetching)
    {
        await fetchCancellation.CancelAsync();
        try
        {
            await fetching;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException || fetching.IsFaulted)
        {
            // Already reported (or caused by the cancellation above): the fetcher only has to be finished.
        }

        while (reader.TryRead(out var page))
        {
            page.Dispose();
        }

        Debug.Assert(fetching.IsCompleted, "The fetcher completes once cancelled.");
    }

    private sealed class Progress
    {
        public Progress(string? cursor) => Cursor = cursor;

        public string? Cursor { get; set; }
        public int Pages { get; set; }
        public long ObjectsIn { get; set; }
        public long ObjectsOut { get; set; }
        public long Dropped { get; set; }
        public int Bundles { get; set; }

        public Cleanup.ReasonCounts DropReasons { get; } = new();

        public Cleanup.ReasonCounts ReferencesCut { get; } = new();

        public long SentAtEnd { get; set; }

        public void Count(PreparedPage page)
        {
            foreach (var (reason, count) in PagePushed.WithRejected(page.Bundles.DropReasons, page.Dropped - page.Bundles.Dropped))
            {
                DropReasons.Add(reason, count);
            }

            ReferencesCut.AddAll(page.Bundles.ReferencesCut);
            if (!page.CommitsCursor)
            {
                SentAtEnd += page.Bundles.ObjectsOut;
            }
        }

        public Dictionary<string, long> DroppedByReason { get; } = new(StringComparer.Ordinal);
        public long Bytes { get; set; }
        public int Retries { get; set; }
        public StageTimes Times { get; } = new();
    }

    /// <summary>Time per stage; the fetch and transform sides add from their own threads.</summary>
    private sealed class StageTimes
    {
        private long _fetch;
        private long _transform;
        private long _push;

        public TimeSpan Fetch => TimeSpan.FromTicks(Interlocked.Read(ref _fetch));
        public TimeSpan Transform => TimeSpan.FromTicks(Interlocked.Read(ref _transform));
        public TimeSpan Push => TimeSpan.FromTicks(Interlocked.Read(ref _push));

        public void AddFetch(TimeSpan elapsed) => Interlocked.Add(ref _fetch, elapsed.Ticks);
        public void AddTransform(TimeSpan elapsed) => Interlocked.Add(ref _transform, elapsed.Ticks);
        public void AddPush(TimeSpan elapsed) => Interlocked.Add(ref _push, elapsed.Ticks);
    }
}
