using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Scheduling;

namespace TaxiiConnector.Observability;

/// <summary>
/// <c>/readyz</c>: ready when the process can do its job. The configuration was valid at start (the process does not
/// run otherwise); not ready while the last run of a source failed for a reason only a person can fix (a selection
/// that matches nothing, refused credentials), or the last run failed so before any source (OpenCTI refused the token).
/// A transient failure (a server down, a timeout) and data lag leave it ready: a restart or a removal from service
/// would not fix them, and a feed that publishes weekly is not broken. Lag is a metric and <see cref="LagCheck"/>.
/// </summary>
internal sealed class ReadinessCheck
{
    private readonly RunHealthTracker _health;
    private readonly ConnectorRunStatus _runs;
    private readonly IReadOnlyList<string> _sources;

    public ReadinessCheck(RunHealthTracker health, ConnectorRunStatus runs, IOptions<ConfiguredSources> sources)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(sources);
        _health = health;
        _runs = runs;
        _sources = sources.Value.Enabled;
    }

    public ReadinessResult Evaluate()
    {
        var reasons = new List<string>();
        foreach (var name in _sources)
        {
            if (_health.FindSource(name) is { IsRunning: false, LastSucceeded: false } source)
            {
                reasons.AddRange(source.OperatorReasons.Select(reason => $"source {name}: {reason}"));
            }
        }

        var run = _runs.Current;
        if (!run.IsRunning && run.LastRunSucceeded == false && run.OperatorReason is { } runReason)
        {
            reasons.Add(runReason);
        }

        return new ReadinessResult(reasons.Count == 0, reasons);
    }
}

/// <summary>The readiness verdict and, when not ready, why.</summary>
internal sealed record ReadinessResult(bool IsReady, IReadOnlyList<string> Reasons);
