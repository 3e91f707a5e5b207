using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Observability;
using TaxiiConnector.Scheduling;

namespace TaxiiConnector.Tests.Observability;

public sealed class ReadinessCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly ConnectorRunStatus _runs = new();
    private readonly RunHealthTracker _health;
    private readonly ReadinessCheck _check;

    public ReadinessCheckTests()
    {
        _health = new RunHealthTracker(_time);
        _check = new ReadinessCheck(_health, _runs,
            Options.Create(new ConfiguredSources { Enabled = ["taxii2"] }),
            Options.Create(new MetricsOptions { MaxLag = TimeSpan.FromHours(6) }));
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
    public void Evaluate_LastRunFailed_NotReadyNamingTheSource()
    {
        _health.SourceRunStarted("taxii2");
        _health.SourceRunEnded("taxii2", succeeded: false, TimeSpan.FromSeconds(3));

        var result = _check.Evaluate();

        result.IsReady.Should().BeFalse();
        result.Reasons.Should().ContainSingle().Which.Should().Be("source taxii2: the last run failed");
    }

    [Fact]
    public void Evaluate_FailedThenRunningAgain_Ready()
    {
        _health.SourceRunEnded("taxii2", succeeded: false, TimeSpan.FromSeconds(3));
        _health.SourceRunStarted("taxii2");

        _check.Evaluate().IsReady.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_LagAboveMaxLag_NotReadyNamingTheCollectionAndLag()
    {
        _health.CollectionStarted("taxii2", "api1/Feed", "2026-11-24T05:00:00.000000Z");
        _check.Evaluate().IsReady.Should().BeTrue("a lag of 5 h is within 6 h");

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var result = _check.Evaluate();

        result.IsReady.Should().BeFalse();
        result.Reasons.Should().ContainSingle().Which.Should()
            .Be("source taxii2 collection api1/Feed: lag PT6H1S is above metrics.max_lag PT6H");
    }

    [Fact]
    public void Evaluate_NewerCursorPushed_LagResets()
    {
        _health.CollectionStarted("taxii2", "api1/Feed", "2026-11-23T00:00:00Z");
        _check.Evaluate().IsReady.Should().BeFalse();

        _health.PagePushed("taxii2", "api1/Feed", new PagePushed(1, new Dictionary<string, int>(), "2026-11-24T09:59:00Z"));

        _check.Evaluate().IsReady.Should().BeTrue();
        _health.LagOf(_health.Collections.Single()).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Evaluate_OpaqueCursor_NoLagKnown()
    {
        _health.CollectionStarted("cyberthreatexchange", "feed-1", "page=7");

        _health.LagOf(_health.Collections.Single()).Should().BeNull();
        _check.Evaluate().IsReady.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_RunFailedBeforeAnySource_NotReady()
    {
        _runs.RunStarted(_time.GetUtcNow());
        _runs.RunEnded(_time.GetUtcNow(), succeeded: false);

        _check.Evaluate().Reasons.Should().ContainSingle().Which.Should().Be("the last run failed");
    }
}
