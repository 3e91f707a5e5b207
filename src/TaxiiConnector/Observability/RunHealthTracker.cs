using System.Collections.Concurrent;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Observability;

/// <summary>
/// Remembers, per source and per collection, what readiness and the freshness gauges need: whether the last run
/// succeeded or one is running, when a run last succeeded, the server's last date added (the committed cursor, when it
/// is a timestamp: TAXII 2's <c>X-TAXII-Date-Added-Last</c>) and when a page last brought objects. Thread-safe; every
/// clock read through <see cref="TimeProvider"/>.
/// </summary>
internal sealed class RunHealthTracker : IPipelineObserver
{
    private readonly ConcurrentDictionary<string, SourceHealth> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Source, string Collection), CollectionHealth> _collections = new();
    private readonly TimeProvider _time;

    public RunHealthTracker(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public IReadOnlyList<SourceHealth> Sources => [.. _sources.Values.OrderBy(s => s.Source, StringComparer.Ordinal)];

    public IReadOnlyList<CollectionHealth> Collections =>
        [.. _collections.Values.OrderBy(c => c.Source, StringComparer.Ordinal).ThenBy(c => c.Collection, StringComparer.Ordinal)];

    public SourceHealth? FindSource(string source) => _sources.GetValueOrDefault(source);

    public void SourceRunStarted(string source) =>
        _sources.AddOrUpdate(source,
            name => new SourceHealth(name) { IsRunning = true },
            (_, current) => current with { IsRunning = true });

    public void SourceRunEnded(string source, bool succeeded, TimeSpan elapsed)
    {
        var now = _time.GetUtcNow();
        _sources.AddOrUpdate(source,
            name => new SourceHealth(name) { LastSucceeded = succeeded, LastSuccessAt = succeeded ? now : null, LastDuration = elapsed },
            (_, current) => current with
            {
                IsRunning = false,
                LastSucceeded = succeeded,
                LastSuccessAt = succeeded ? now : current.LastSuccessAt,
                LastDuration = elapsed,
            });
    }

    public void CollectionStarted(string source, string collection, string? cursor)
    {
        var now = _time.GetUtcNow();
        var dateAdded = ParseCursor(cursor);
        _collections.AddOrUpdate((source, collection),
            key => new CollectionHealth(key.Source, key.Collection, now) { LastDateAdded = dateAdded },
            (_, current) => current with { LastDateAdded = dateAdded ?? current.LastDateAdded });
    }

    public void PageFetched(string source, string collection, int objects)
    {
        if (objects <= 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _collections.AddOrUpdate((source, collection),
            key => new CollectionHealth(key.Source, key.Collection, now) { LastNewObjectAt = now },
            (_, current) => current with { LastNewObjectAt = now });
    }

    public void PagePushed(string source, string collection, PagePushed page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (ParseCursor(page.Cursor) is not { } dateAdded)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _collections.AddOrUpdate((source, collection),
            key => new CollectionHealth(key.Source, key.Collection, now) { LastDateAdded = dateAdded },
            (_, current) => current with { LastDateAdded = dateAdded });
    }

    public void PushRetried(string source, string collection)
    {
    }

    public void CollectionEnded(CollectionReport report)
    {
    }

    /// <summary>Keeps what of the source's last run a person must fix; a later run replaces it.</summary>
    public void SourceReported(SourceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reasons = report.OperatorReasons;
        _sources.AddOrUpdate(report.Source,
            name => new SourceHealth(name) { OperatorReasons = reasons },
            (_, current) => current with { OperatorReasons = reasons });
    }

    /// <summary>now − the server's last date added; null while unknown.</summary>
    public TimeSpan? LagOf(CollectionHealth collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.LastDateAdded is { } added ? _time.GetUtcNow() - added : null;
    }

    /// <summary>now − the last page with objects (or since the connector first read the collection).</summary>
    public TimeSpan SinceLastNewObject(CollectionHealth collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return _time.GetUtcNow() - (collection.LastNewObjectAt ?? collection.ObservedSince);
    }

    // Cursors of other sources may be opaque; only a timestamp says how far behind the server the connector is.
    private static DateTimeOffset? ParseCursor(string? cursor) =>
        TaxiiTimestamp.TryParse(cursor, out var timestamp) ? timestamp : null;
}

/// <summary>A source's last known run state.</summary>
internal sealed record SourceHealth(string Source)
{
    public bool IsRunning { get; init; }

    /// <summary>Null until a run ended.</summary>
    public bool? LastSucceeded { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public TimeSpan? LastDuration { get; init; }

    /// <summary>The last run's failures that need a person (empty when it had none).</summary>
    public IReadOnlyList<string> OperatorReasons { get; init; } = [];
}

/// <summary>A collection's freshness: the server's last date added, and when it last brought new objects.</summary>
internal sealed record CollectionHealth(string Source, string Collection, DateTimeOffset ObservedSince)
{
    public DateTimeOffset? LastDateAdded { get; init; }

    public DateTimeOffset? LastNewObjectAt { get; init; }
}
