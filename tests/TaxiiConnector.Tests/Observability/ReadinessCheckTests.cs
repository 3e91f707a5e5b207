using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Observability;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Scheduling;

namespace TaxiiConnector.Tests.Observability;

/// <summary>
/// Issue 16: readiness means the process can do its job; only failures a person must fix make it not ready. Lag is a
/// separate view (<see cref="LagCheck"/>, <c>/healthz?lag</c>).
/// </summary>
public sealed class ReadinessCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly ConnectorRunStatus _runs = new();
    private readonly RunHealthTracker _health;
    private readonly ReadinessCheck _check;
    private readonly LagCheck _lag;

    public ReadinessCheckTests()
    {
        _health = new RunHealthTracker(_time);
        _check = new ReadinessCheck(_health, _runs, Options.Create(new ConfiguredSources { Enabled = ["taxii2"] }));
        _lag = new LagCheck(_health, Options.Create(new MetricsOptions { MaxLag = TimeSpan.FromHours(6) }));
    }

    [Fact]
    public void Evaluate_BeforeAnyRun_Ready() => _check.Evaluate().IsReady.Should().BeTrue();

    [Fact]
    public void Evaluate_SourceRunning_Ready()
    {
        _health.SourceRunStarted("taxii2");

        _check.Evaluate().IsReady.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_LastRunFailedTransiently_StaysReady()
    {
        // A server that is down is not fixed by taking the pod out of service.
        EndRun(new SourceReport("taxii2", [Collection("api1/Feed", "TAXII request ... failed: Connection refused", needsOperator: false)], null));

        _check.Evaluate().IsReady.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_SelectionMatchesNothing_NotReadyWithTheProblemLine()
    {
        const string problem = "TAXII2_COLLECTIONS (taxii2.collections) entry 'api1.Newcomer fed' matches no collection. Available (root.title): api1.Feed";
        EndRun(new SourceReport("taxii2", [], problem) { NeedsOperator = true });

        var result = _check.Evaluate();

        result.IsReady.Should().BeFalse();
        result.Reasons.Should().ContainSingle().Which.Should().Be("source taxii2: " + problem);
    }

    [Fact]
    public void Evaluate_CollectionRefusedCredentials_NotReadyNamingTheCollection()
    {
        EndRun(new SourceReport("taxii2", [Collection("api1/Feed", "HTTP 403. Likely fix: check TAXII2_USERNAME", needsOperator: true)], null));

        _check.Evaluate().Reasons.Should().ContainSingle().Which.Should().Be("source taxii2: api1/Feed: HTTP 403. Likely fix: check TAXII2_USERNAME");
    }

    [Fact]
    public void Evaluate_FailedThenRunningAgainThenSucceeded_Ready()
    {
        EndRun(new SourceReport("taxii2", [], "bad selection") { NeedsOperator = true });
        _health.SourceRunStarted("taxii2");
        _check.Evaluate().IsReady.Should().BeTrue("a run is in progress");

        EndRun(new SourceReport("taxii2", [], null));

        _check.Evaluate().IsReady.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_RunFailedBeforeAnySourceForAReasonThatNeedsAPerson_NotReady()
    {
        _runs.RunStarted(_time.GetUtcNow());
        _runs.RunEnded(_time.GetUtcNow(), succeeded: false, "OpenCTI refused the token: check OPENCTI_TOKEN (opencti.token)");

        _check.Evaluate().Reasons.Should().ContainSingle().Which.Should().Contain("OPENCTI_TOKEN");
    }

    [Fact]
    public void Evaluate_RunFailedBeforeAnySourceTransiently_Ready()
    {
        _runs.RunStarted(_time.GetUtcNow());
        _runs.RunEnded(_time.GetUtcNow(), succeeded: false);

        _check.Evaluate().IsReady.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_LagAboveMaxLag_StaysReadyAndTheLagViewNamesTheCollection()
    {
        // Issue 16: a weekly feed kept /readyz at 503 ("lag P2DT1M9S is above metrics.max_lag P1D") and a rollout hung.
        _health.CollectionStarted("taxii2", "api1/Feed", "2026-11-24T05:00:00.000000Z");
        _lag.Evaluate().WithinMaxLag.Should().BeTrue("a lag of 5 h is within 6 h");

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        _check.Evaluate().IsReady.Should().BeTrue();
        var lag = _lag.Evaluate();
        lag.WithinMaxLag.Should().BeFalse();
        lag.Reasons.Should().ContainSingle().Which.Should().Be("source taxii2 collection api1/Feed: lag PT6H1S is above metrics.max_lag PT6H");
        lag.Collections.Should().ContainSingle().Which.Should().Be(new CollectionLag("taxii2", "api1/Feed", TimeSpan.Parse("06:00:01", System.Globalization.CultureInfo.InvariantCulture), true));
    }

    [Fact]
    public void LagView_NewerCursorPushed_LagResets()
    {
        _health.CollectionStarted("taxii2", "api1/Feed", "2026-11-23T00:00:00Z");
        _lag.Evaluate().WithinMaxLag.Should().BeFalse();

        _health.PagePushed("taxii2", "api1/Feed", new PagePushed(1, new Dictionary<string, int>(), "2026-11-24T09:59:00Z"));

        _lag.Evaluate().WithinMaxLag.Should().BeTrue();
        _health.LagOf(_health.Collections.Single()).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void LagView_OpaqueCursor_NoLagKnown()
    {
        _health.CollectionStarted("cyberthreatexchange", "feed-1", "page=7");

        _health.LagOf(_health.Collections.Single()).Should().BeNull();
        _lag.Evaluate().Collections.Should().BeEmpty();
    }

    private void EndRun(SourceReport report)
    {
        _health.SourceRunStarted(report.Source);
        _health.SourceRunEnded(report.Source, report.Succeeded, TimeSpan.FromSeconds(3));
        _health.SourceReported(report);
    }

    private static CollectionReport Collection(string name, string? error, bool needsOperator) =>
        new("taxii2", name, 0, 0, 0, 0, 0, TimeSpan.FromSeconds(1), null, error) { NeedsOperator = needsOperator };
}
