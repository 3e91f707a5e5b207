using System.Globalization;
using Prometheus;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Observability;

/// <summary>
/// The connector's Prometheus metrics, on a registry of its own (one per host: parallel hosts in one test process do
/// not share counters, and nothing else, such as the default registry's process metrics, leaks into the page).
/// Counters move as the pipeline reports; the freshness gauges (lag, time since the last new object, last success,
/// buffering) are computed at each scrape from <see cref="RunHealthTracker"/>, so they keep growing while nothing
/// happens, which is the "polls fine but ingests nothing" signal.
/// </summary>
/// <remarks>
/// prometheus-net's native collectors rather than a <c>System.Diagnostics.Metrics.Meter</c> through its meter adapter:
/// the adapter publishes .NET counters as Prometheus gauges and expires a series after minutes without a measurement,
/// which would make a quiet collection's counters vanish between hourly runs.
/// </remarks>
internal sealed class ConnectorMetrics : IPipelineObserver
{
    private const string Prefix = "taxii_connector_";

    private readonly RunHealthTracker _health;
    private readonly Func<ConnectorRunInfo?> _runInfo;
    private readonly Counter _fetched;
    private readonly Counter _pushed;
    private readonly Counter _dropped;
    private readonly Counter _referencesCut;
    private readonly Counter _pages;
    private readonly Counter _httpRequests;
    private readonly Counter _httpRetries;
    private readonly Counter _pushRetries;
    private readonly Counter _runs;
    private readonly Histogram _runDuration;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _sourceUp;
    private readonly Gauge _running;
    private readonly Gauge _lag;
    private readonly Gauge _sinceNewObject;
    private readonly Gauge _buffering;
    private readonly Counter _pushEnvelopes;

    public ConnectorMetrics(RunHealthTracker health, Func<ConnectorRunInfo?>? runInfo = null)
    {
        ArgumentNullException.ThrowIfNull(health);
        _health = health;
        _runInfo = runInfo ?? (() => null);
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        string[] collectionLabels = ["source", "collection"];

        _fetched = factory.CreateCounter(Prefix + "objects_fetched_total", "Objects (entries) read from the source, before transformation.", collectionLabels);
        _pushed = factory.CreateCounter(Prefix + "objects_pushed_total", "Objects in bundles the sink acknowledged.", collectionLabels);
        _dropped = factory.CreateCounter(Prefix + "objects_dropped_total", "Entries that did not reach a bundle, by reason.", ["source", "collection", "reason"]);
        _referencesCut = factory.CreateCounter(Prefix + "references_removed_total",
            "References (and duplicate or unidentifiable external references and kill chain phases) removed from objects before sending, as the platform's client does, by reason.",
            ["source", "collection", "reason"]);
        _pages = factory.CreateCounter(Prefix + "pages_total", "Pages read from the source.", collectionLabels);
        _httpRequests = factory.CreateCounter(Prefix + "http_requests_total", "HTTP attempts by server (host[:port]) and status code (\"error\": no response).", ["host", "status"]);
        _httpRetries = factory.CreateCounter(Prefix + "http_retries_total", "HTTP attempts that repeated a request after a transient failure.", ["host"]);
        _pushRetries = factory.CreateCounter(Prefix + "push_retries_total", "Bundles pushed again after the sink refused them.", collectionLabels);
        _runs = factory.CreateCounter(Prefix + "runs_total", "Source runs by result (success, failure).", ["source", "result"]);
        _runDuration = factory.CreateHistogram(Prefix + "run_duration_seconds", "How long a source's run took.", ["source"],
            new HistogramConfiguration { Buckets = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400] });
        _lastSuccess = factory.CreateGauge(Prefix + "last_successful_run_timestamp_seconds", "Unix time of the source's last successful run.", ["source"]);
        _sourceUp = factory.CreateGauge(Prefix + "source_last_run_succeeded", "1 when the source's last run succeeded, 0 when it failed.", ["source"]);
        _running = factory.CreateGauge(Prefix + "source_running", "1 while the source runs.", ["source"]);
        _lag = factory.CreateGauge(Prefix + "collection_lag_seconds", "Now minus the server's last date added (X-TAXII-Date-Added-Last) committed for the collection.", collectionLabels);
        _sinceNewObject = factory.CreateGauge(Prefix + "collection_seconds_since_last_new_object", "Seconds since a page of the collection last brought objects (or since the connector started reading it).", collectionLabels);
        _buffering = factory.CreateGauge(Prefix + "buffering", "1 while runs are skipped because the connector's OpenCTI queue is above connector.queue_threshold.");
        _pushEnvelopes = factory.CreateCounter(Prefix + "push_endpoint_envelopes_total", "Envelopes POSTed to the TAXII push endpoint, by collection and result (accepted, rejected).", ["collection", "result"]);

        Registry.AddBeforeCollectCallback(RefreshGauges);
    }

    /// <summary>The registry the <c>/metrics</c> endpoint serialises.</summary>
    public CollectorRegistry Registry { get; }

    public void SourceRunStarted(string source) => _running.WithLabels(source).Set(1);

    public void SourceRunEnded(string source, bool succeeded, TimeSpan elapsed)
    {
        _running.WithLabels(source).Set(0);
        _runs.WithLabels(source, succeeded ? "success" : "failure").Inc();
        _runDuration.WithLabels(source).Observe(elapsed.TotalSeconds);
    }

    public void CollectionStarted(string source, string collection, string? cursor)
    {
        // Publish the collection's series at zero, so a collection that never brings anything is still visible.
        _fetched.WithLabels(source, collection);
        _pushed.WithLabels(source, collection);
        _pages.WithLabels(source, collection);
        _pushRetries.WithLabels(source, collection);
    }

    public void PageFetched(string source, string collection, int objects)
    {
        _pages.WithLabels(source, collection).Inc();
        _fetched.WithLabels(source, collection).Inc(objects);
    }

    public void PagePushed(string source, string collection, PagePushed page)
    {
        ArgumentNullException.ThrowIfNull(page);
        _pushed.WithLabels(source, collection).Inc(page.ObjectsOut);
        foreach (var (reason, count) in page.Drops)
        {
            _dropped.WithLabels(source, collection, reason).Inc(count);
        }

        foreach (var (reason, count) in page.ReferencesCut)
        {
            _referencesCut.WithLabels(source, collection, reason).Inc(count);
        }
    }

    public void PushRetried(string source, string collection) => _pushRetries.WithLabels(source, collection).Inc();

    public void CollectionEnded(CollectionReport report)
    {
    }

    /// <summary>One HTTP attempt; <paramref name="status"/> null when no response came (refused, reset, timeout).</summary>
    public void HttpAttempt(string host, int? status, bool isRetry)
    {
        _httpRequests.WithLabels(host, status?.ToString(CultureInfo.InvariantCulture) ?? "error").Inc();
        if (isRetry)
        {
            _httpRetries.WithLabels(host).Inc();
        }
    }

    /// <summary>An envelope POSTed to the push endpoint was accepted (202) or rejected (any error status).</summary>
    public void PushEnvelope(string collection, bool accepted) =>
        _pushEnvelopes.WithLabels(collection, accepted ? "accepted" : "rejected").Inc();

    private void RefreshGauges()
    {
        foreach (var source in _health.Sources)
        {
            if (source.LastSuccessAt is { } success)
            {
                _lastSuccess.WithLabels(source.Source).Set(success.ToUnixTimeMilliseconds() / 1000.0);
            }

            if (source.LastSucceeded is { } succeeded)
            {
                _sourceUp.WithLabels(source.Source).Set(succeeded ? 1 : 0);
            }
        }

        foreach (var collection in _health.Collections)
        {
            if (_health.LagOf(collection) is { } lag)
            {
                _lag.WithLabels(collection.Source, collection.Collection).Set(lag.TotalSeconds);
            }

            _sinceNewObject.WithLabels(collection.Source, collection.Collection).Set(_health.SinceLastNewObject(collection).TotalSeconds);
        }

        _buffering.Set(_runInfo()?.Buffering == true ? 1 : 0);
    }
}
