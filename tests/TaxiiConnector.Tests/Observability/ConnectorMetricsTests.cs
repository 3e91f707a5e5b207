using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Ping;

namespace TaxiiConnector.Tests.Observability;

public sealed class ConnectorMetricsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Export_BufferingReportedByThePing_IsOne()
    {
        var info = new ConnectorRunInfo();
        var metrics = new ConnectorMetrics(new RunHealthTracker(_time), () => info);
        (await Export(metrics)).Should().Contain("taxii_connector_buffering 0");

        info.SetQueue(buffering: true, queueMessagesSizeMb: 812);

        (await Export(metrics)).Should().Contain("taxii_connector_buffering 1");
    }

    [Fact]
    public async Task Export_DropsByReason_AddUpPerReason()
    {
        var health = new RunHealthTracker(_time);
        var metrics = new ConnectorMetrics(health);
        metrics.CollectionStarted("taxii2", "r/c", null);
        metrics.PagePushed("taxii2", "r/c", new PagePushed(8, new Dictionary<string, int> { ["missing_id"] = 1, ["ignored_object_type"] = 2 }, "x"));
        metrics.PagePushed("taxii2", "r/c", new PagePushed(5, PagePushed.WithRejected(new Dictionary<string, int> { ["missing_id"] = 3 }, 4), "y"));

        var text = await Export(metrics);

        text.Should().Contain("taxii_connector_objects_pushed_total{source=\"taxii2\",collection=\"r/c\"} 13")
            .And.Contain("taxii_connector_objects_dropped_total{source=\"taxii2\",collection=\"r/c\",reason=\"missing_id\"} 4")
            .And.Contain("taxii_connector_objects_dropped_total{source=\"taxii2\",collection=\"r/c\",reason=\"ignored_object_type\"} 2")
            .And.Contain("taxii_connector_objects_dropped_total{source=\"taxii2\",collection=\"r/c\",reason=\"rejected_by_source\"} 4");
    }

    [Fact]
    public async Task Export_NothingNewForAnHour_LagAndSilenceAreReadFromTheClockAtScrape()
    {
        var health = new RunHealthTracker(_time);
        var metrics = new ConnectorMetrics(health);
        health.CollectionStarted("taxii2", "r/c", "2026-11-24T09:00:00Z");
        health.PageFetched("taxii2", "r/c", 3);

        _time.Advance(TimeSpan.FromHours(1));
        var text = await Export(metrics);

        text.Should().Contain("taxii_connector_collection_lag_seconds{source=\"taxii2\",collection=\"r/c\"} 7200")
            .And.Contain("taxii_connector_collection_seconds_since_last_new_object{source=\"taxii2\",collection=\"r/c\"} 3600");
    }

    private static async Task<string> Export(ConnectorMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
