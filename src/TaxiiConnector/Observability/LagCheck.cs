using System.Globalization;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Observability;

/// <summary>
/// <c>/healthz?lag</c>: each collection's lag (now − the server's last date added) against <c>metrics.max_lag</c>.
/// A view for people and optional probes, apart from readiness: lag says how fresh the data is, not whether the process
/// works (alert on the <c>taxii_connector_collection_lag_seconds</c> metric instead of gating traffic on it).
/// </summary>
internal sealed class LagCheck
{
    private readonly RunHealthTracker _health;
    private readonly TimeSpan _maxLag;

    public LagCheck(RunHealthTracker health, IOptions<MetricsOptions> metrics)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(metrics);
        _health = health;
        _maxLag = metrics.Value.MaxLag;
    }

    public TimeSpan MaxLag => _maxLag;

    public LagResult Evaluate()
    {
        var collections = new List<CollectionLag>();
        foreach (var collection in _health.Collections)
        {
            if (_health.LagOf(collection) is { } lag)
            {
                collections.Add(new CollectionLag(collection.Source, collection.Collection, Truncate(lag), lag > _maxLag));
            }
        }

        var reasons = collections.Where(c => c.AboveMaxLag).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"source {c.Source} collection {c.Collection}: lag {IsoDuration.Format(c.Lag)} is above metrics.max_lag {IsoDuration.Format(_maxLag)}")).ToList();
        return new LagResult(reasons.Count == 0, collections, reasons);
    }

    private static TimeSpan Truncate(TimeSpan value) => TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
}

/// <summary>One collection's lag, and whether it is above <c>metrics.max_lag</c>.</summary>
internal sealed record CollectionLag(string Source, string Collection, TimeSpan Lag, bool AboveMaxLag);

/// <summary>Every known lag; <see cref="WithinMaxLag"/> false, with one reason per late collection, when any is above the bound.</summary>
internal sealed record LagResult(bool WithinMaxLag, IReadOnlyList<CollectionLag> Collections, IReadOnlyList<string> Reasons);
