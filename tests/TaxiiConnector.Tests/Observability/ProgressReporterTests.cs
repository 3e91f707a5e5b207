using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Observability;
using TaxiiConnector.Pipeline;

namespace TaxiiConnector.Tests.Observability;

public sealed class ProgressReporterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<ProgressReporter> _logger = new();

    [Fact]
    public void CollectionStarted_EachIntervalWhileRunning_LogsObjectsSoFarAndTheCurrentRate()
    {
        using var reporter = Create(TimeSpan.FromSeconds(30));
        reporter.CollectionStarted("taxii2", "api1/Feed", cursor: null);
        reporter.PageFetched("taxii2", "api1/Feed", 600);
        reporter.PagePushed("taxii2", "api1/Feed", new PagePushed(590, new Dictionary<string, int>(), "c1"));

        _time.Advance(TimeSpan.FromSeconds(29));
        _logger.Messages.Should().BeEmpty("a collection read within one interval logs no progress line");

        _time.Advance(TimeSpan.FromSeconds(1));
        _logger.Messages.Should().ContainSingle().Which.Should()
            .Be("taxii2 api1/Feed: in progress, 600 objects fetched, 590 pushed after 30 s; 20 objects/s now");

        reporter.PageFetched("taxii2", "api1/Feed", 300);
        _time.Advance(TimeSpan.FromSeconds(30));
        _logger.Messages.Should().HaveCount(2);
        _logger.Messages[1].Should().Be("taxii2 api1/Feed: in progress, 900 objects fetched, 590 pushed after 60 s; 10 objects/s now");
    }

    [Fact]
    public void CollectionEnded_Afterwards_NoMoreProgressLines()
    {
        using var reporter = Create(TimeSpan.FromSeconds(30));
        reporter.CollectionStarted("taxii2", "api1/Feed", cursor: null);
        reporter.PageFetched("taxii2", "api1/Feed", 10);
        _time.Advance(TimeSpan.FromSeconds(30));

        reporter.CollectionEnded(new CollectionReport("taxii2", "api1/Feed", 1, 10, 10, 0, 1, TimeSpan.FromSeconds(31), "c", null));
        _time.Advance(TimeSpan.FromMinutes(5));

        _logger.Messages.Should().ContainSingle();
    }

    [Fact]
    public void CollectionStarted_TwoCollectionsAtOnce_EachReportsItsOwnCounts()
    {
        using var reporter = Create(TimeSpan.FromSeconds(10));
        reporter.CollectionStarted("taxii2", "a", cursor: null);
        reporter.CollectionStarted("taxii2", "b", cursor: null);
        reporter.PageFetched("taxii2", "a", 100);
        reporter.PageFetched("taxii2", "b", 7);

        _time.Advance(TimeSpan.FromSeconds(10));

        _logger.Messages.Should().HaveCount(2).And.Contain(m => m.StartsWith("taxii2 a:", StringComparison.Ordinal) && m.Contains("100 objects fetched", StringComparison.Ordinal))
            .And.Contain(m => m.StartsWith("taxii2 b:", StringComparison.Ordinal) && m.Contains("7 objects fetched", StringComparison.Ordinal));
    }

    private ProgressReporter Create(TimeSpan interval) =>
        new(_time, Options.Create(new ConnectorOptions { ProgressInterval = interval }), _logger);
}
