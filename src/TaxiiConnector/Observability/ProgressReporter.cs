using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Observability;

/// <summary>
/// Logs a progress line every <c>connector.progress_interval</c> while a collection is being read: objects fetched and
/// pushed so far and the rate over the last interval. A collection read faster than one interval logs nothing here
/// (its summary line says it all). The timer is the <see cref="TimeProvider"/>'s.
/// </summary>
internal sealed partial class ProgressReporter : IPipelineObserver, IDisposable
{
    private readonly ConcurrentDictionary<(string Source, string Collection), CollectionProgress> _active = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<ProgressReporter> _logger;

    public ProgressReporter(TimeProvider time, IOptions<ConnectorOptions> connector, ILogger<ProgressReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(connector);
        _time = time;
        _interval = connector.Value.ProgressInterval;
        _logger = logger;
    }

    public void SourceRunStarted(string source)
    {
    }

    public void SourceRunEnded(string source, bool succeeded, TimeSpan elapsed)
    {
    }

    public void CollectionStarted(string source, string collection, string? cursor)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }

        var progress = new CollectionProgress(source, collection, _time.GetTimestamp());
        progress.Timer = _time.CreateTimer(state => Report((CollectionProgress)state!), progress, _interval, _interval);
        if (_active.TryRemove((source, collection), out var previous))
        {
            previous.Dispose();
        }

        _active[(source, collection)] = progress;
    }

    public void PageFetched(string source, string collection, int objects)
    {
        if (_active.TryGetValue((source, collection), out var progress))
        {
            Interlocked.Add(ref progress.Fetched, objects);
        }
    }

    public void PagePushed(string source, string collection, PagePushed page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (_active.TryGetValue((source, collection), out var progress))
        {
            Interlocked.Add(ref progress.Pushed, page.ObjectsOut);
        }
    }

    public void PushRetried(string source, string collection)
    {
    }

    public void CollectionEnded(CollectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_active.TryRemove((report.Source, report.Collection), out var progress))
        {
            progress.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var key in _active.Keys)
        {
            if (_active.TryRemove(key, out var progress))
            {
                progress.Dispose();
            }
        }
    }

    private void Report(CollectionProgress progress)
    {
        var now = _time.GetTimestamp();
        var fetched = Interlocked.Read(ref progress.Fetched);
        var pushed = Interlocked.Read(ref progress.Pushed);
        double rate;
        lock (progress)
        {
            var sinceLast = _time.GetElapsedTime(progress.LastReportAt, now);
            rate = sinceLast > TimeSpan.Zero ? (fetched - progress.FetchedAtLastReport) / sinceLast.TotalSeconds : 0;
            progress.LastReportAt = now;
            progress.FetchedAtLastReport = fetched;
        }

        Log.Progress(_logger, progress.Source, progress.Collection, fetched, pushed, _time.GetElapsedTime(progress.StartedAt, now).TotalSeconds, rate);
    }

    private sealed class CollectionProgress : IDisposable
    {
        public long Fetched;
        public long Pushed;

        public CollectionProgress(string source, string collection, long startedAt)
        {
            Source = source;
            Collection = collection;
            StartedAt = startedAt;
            LastReportAt = startedAt;
        }

        public string Source { get; }

        public string Collection { get; }

        public long StartedAt { get; }

        public long LastReportAt { get; set; }

        public long FetchedAtLastReport { get; set; }

        public ITimer? Timer { get; set; }

        public void Dispose() => Timer?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.RunProgress, EventName = nameof(LogEventIds.RunProgress), Level = LogLevel.Information,
            Message = "{Source} {Collection}: in progress, {ObjectsFetched} objects fetched, {ObjectsPushed} pushed after {Seconds:F0} s; {Rate:F0} objects/s now")]
        public static partial void Progress(ILogger logger, string source, string collection, long objectsFetched, long objectsPushed, double seconds, double rate);
    }
}
