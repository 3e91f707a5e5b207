using System.Globalization;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Scheduling;

namespace TaxiiConnector.Observability;

/// <summary>
/// <c>/readyz</c>: ready when every enabled source's last run succeeded, is running, or has not happened yet, and no
/// collection's lag (now − the server's last date added) is above <c>metrics.max_lag</c>. Otherwise one reason per
/// problem, which the endpoint returns as JSON with a 503.
/// </summary>
internal sealed class ReadinessCheck
{
    private readonly RunHealthTracker _health;
    private readonly ConnectorRunStatus _runs;
    private readonly IReadOnlyList<string> _sources;
    private readonly TimeSpan _maxLag;

    public ReadinessCheck(RunHealthTracker health, ConnectorRunStatus runs, IOptions<ConfiguredSources> sources, IOptions<MetricsOptions> metrics)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(metrics);
        _health = health;
        _runs = runs;
        _sources = sources.Value.Enabled;
        _maxLag = metrics.Value.MaxLag;
    }

    public ReadinessResult Evaluate()
    {
        var reasons = new List<string>();
        var sourceFailed = false;
        foreach (var name in _sources)
        {
            if (_health.FindSource(name) is { IsRunning: false, LastSucceeded: false })
            {
                sourceFailed = true;
                reasons.Add($"source {name}: the last run failed");
            }
        }

        // A run can fail before any source started (the state store could not be read).
        var run = _runs.Current;
        if (!sourceFailed && !run.IsRunning && run.LastRunSucceeded == false)
        {
            reasons.Add("the last run failed");
        }

        foreach (var collection in _health.Collections)
        {
            if (_health.LagOf(collection) is { } lag && lag > _maxLag)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"source {collection.Source} collection {collection.Collection}: lag {IsoDuration.Format(Truncate(lag))} is above metrics.max_lag {IsoDuration.Format(_maxLag)}"));
            }
        }

        return new ReadinessResult(reasons.Count == 0, reasons);
    }

    private static TimeSpan Truncate(TimeSpan value) => TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
}

/// <summary>The readiness verdict and, when not ready, why.</summary>
internal sealed record ReadinessResult(bool IsReady, IReadOnlyList<string> Reasons);
