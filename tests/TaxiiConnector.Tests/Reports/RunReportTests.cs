using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Observability;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Reports;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Tests.Dedup;

namespace TaxiiConnector.Tests.Reports;

/// <summary>The per-run JSON report: written to {data_dir}/runs, the last 100 kept, the newest served at /runs/latest.</summary>
public sealed class RunReportTests : IDisposable
{
    private readonly DedupHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>Page 1: an indicator, a malware, a filtered tool, an entry without id, one with a malformed id.</summary>
    private static ReservedCollection DropsOfEveryReason() => new(
        [
            ReservedCollection.Indicator(1),
            ReservedCollection.Malware(2),
            """{"type":"tool","spec_version":"2.1","id":"tool--00000000-0000-4000-8000-000000000003","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"t"}""",
            """{"type":"malware","spec_version":"2.1","name":"no id"}""",
            """{"type":"malware","spec_version":"2.1","id":"malware--not-a-uuid","name":"bad id"}""",
        ],
        [ReservedCollection.Indicator(4)]);

    [Fact]
    public async Task SecondRun_WithInvalidFilteredAndDuplicateEntries_ReportsEachReasonAndEveryField()
    {
        var collection = DropsOfEveryReason();
        await _harness.RunAsync(collection);
        _harness.Time.Advance(TimeSpan.FromMinutes(10));

        await _harness.RunAsync(collection);

        var files = Directory.GetFiles(_harness.RunsDirectory, "*.json").Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCount(2);
        Path.GetFileName(files[^1]).Should().Be("20261201T081000000Z.json", "named by the run's start time");
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(files[^1]));
        var run = document.RootElement;
        run.GetProperty("started_at").GetString().Should().Be("2026-12-01T08:10:00.000Z");
        run.GetProperty("succeeded").GetBoolean().Should().BeTrue();
        run.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        run.GetProperty("totals").GetProperty("objects_in").GetInt64().Should().Be(6);
        var source = run.GetProperty("sources").EnumerateArray().Single();
        source.GetProperty("source").GetString().Should().Be("taxii2");
        var collectionReport = source.GetProperty("collections").EnumerateArray().Single();
        collectionReport.GetProperty("collection").GetString().Should().Be("api1/Indicators");
        collectionReport.GetProperty("work_id").GetString().Should().StartWith("work-");
        collectionReport.GetProperty("start_cursor").ValueKind.Should().Be(JsonValueKind.String);
        collectionReport.GetProperty("end_cursor").GetString().Should().Be("c2");
        collectionReport.GetProperty("pages").GetInt32().Should().Be(2);
        collectionReport.GetProperty("objects_in").GetInt64().Should().Be(6);
        collectionReport.GetProperty("objects_out").GetInt64().Should().Be(0);
        var dropped = collectionReport.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        dropped.Should().Equal(new Dictionary<string, long> { ["duplicate"] = 3, ["filtered"] = 1, ["invalid"] = 2 });
        collectionReport.GetProperty("bundles").GetInt32().Should().Be(0);
        collectionReport.GetProperty("bytes").GetInt64().Should().Be(0);
        collectionReport.GetProperty("retries").GetInt32().Should().Be(0);
        collectionReport.GetProperty("seconds").EnumerateObject().Select(p => p.Name).Should().Equal("total", "fetching", "transforming", "pushing");
    }

    [Fact]
    public async Task FirstRun_UnsupportedTypeAndHeldBackForAMissingReference_EachReportedUnderItsOwnName()
    {
        using var harness = new DedupHarness { HoldReferences = true };
        const string Relationship = """{"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000010","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000001","target_ref":"malware--00000000-0000-4000-8000-000000000002"}""";
        const string Unsupported = """{"type":"x-acme-widget","spec_version":"2.1","id":"x-acme-widget--00000000-0000-4000-8000-000000000011","name":"w"}""";
        var collection = new ReservedCollection(
            [ReservedCollection.Indicator(1), Relationship, Unsupported],
            [ReservedCollection.Malware(2)]);

        var report = await harness.RunAsync(collection);

        var item = report.Collections.Single();
        item.DroppedByReason.Should().Equal(new Dictionary<string, long> { ["unsupported_type"] = 1 },
            "a type the platform does not import is dropped as its client's splitter does, not by an option of the connector");
        item.Held.Should().Be(1, "the relationship's target came one page later");
        harness.Sink.ObjectIds.Should().Contain("relationship--00000000-0000-4000-8000-000000000010").And.NotContain(id => id.StartsWith("x-acme-widget", StringComparison.Ordinal));
        var file = Directory.GetFiles(harness.RunsDirectory, "*.json").Single();
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var json = document.RootElement.GetProperty("sources")[0].GetProperty("collections")[0];
        json.GetProperty("dropped").GetProperty("unsupported_type").GetInt64().Should().Be(1);
        json.GetProperty("held_back").GetProperty("objects").GetInt64().Should().Be(1);
        json.GetProperty("held_back").GetProperty("sent_at_end").GetInt64().Should().Be(0, "released with the page that brought its target");

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        await RunReportTable.WriteAsync(output, report, CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().MatchRegex(@"dropped\s+held\s+bundles");
        lines[1].Should().MatchRegex(@"1 \(unsupported_type 1\)\s+1\s+\d+\s");
    }

    [Fact]
    public async Task SecondRun_OneRunWithDropsOfEveryReasonAndAHeldBackObject_ReportsEachUnderItsOwnName()
    {
        using var harness = new DedupHarness { HoldReferences = true };
        const string Unsupported = """{"type":"x-acme-widget","spec_version":"2.1","id":"x-acme-widget--00000000-0000-4000-8000-000000000011","name":"w"}""";
        var collection = DropsOfEveryReason();
        collection.Pages[0] = [.. collection.Pages[0], Unsupported];
        await harness.RunAsync(collection);
        harness.Sink.Clear();

        // New on the second run: a relationship whose target only comes on the next page.
        collection.Pages[0] = [.. collection.Pages[0], """{"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000020","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","relationship_type":"uses","source_ref":"malware--00000000-0000-4000-8000-000000000002","target_ref":"malware--00000000-0000-4000-8000-000000000021"}"""];
        collection.Pages[1] = [.. collection.Pages[1], ReservedCollection.Malware(21)];
        var report = await harness.RunAsync(collection);

        var item = report.Collections.Single();
        item.DroppedByReason.Should().Equal(new Dictionary<string, long>
        {
            ["duplicate"] = 3, ["filtered"] = 1, ["invalid"] = 2, ["unsupported_type"] = 1,
        });
        item.Held.Should().Be(1, "the new relationship waited for its target, one page later; nothing waits for the author the first run sent");
        item.SentAtEnd.Should().Be(0);
        harness.Sink.ObjectIds.Should().Contain(["relationship--00000000-0000-4000-8000-000000000020", "malware--00000000-0000-4000-8000-000000000021"]);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        await RunReportTable.WriteAsync(output, report, CancellationToken.None);
        output.ToString().Should().Contain("7 (duplicate 3, filtered 1, invalid 2, unsupported_type 1)");
    }

    [Fact]
    public async Task FirstRun_CountsBundlesBytesAndTheAcknowledgedObjects()
    {
        var report = await _harness.RunAsync(DropsOfEveryReason());

        var collection = report.Collections.Single();
        collection.Bundles.Should().Be(2);
        collection.Bytes.Should().BeGreaterThan(500);
        collection.ObjectsOut.Should().Be(5, "3 source objects and 2 notes (the author is carried up front)");
        collection.DroppedByReason.Should().Equal(new Dictionary<string, long> { ["filtered"] = 1, ["invalid"] = 2 });
        collection.PushTime.Should().BePositive();
        collection.TransformTime.Should().BePositive();
        collection.FetchTime.Should().BePositive();
    }

    [Fact]
    public void FailedRun_TheErrorNamesTheSettingToCheck()
    {
        var report = new RunReport(
        [
            new SourceReport("taxii2", [], "The TAXII server refused the credentials (401); check TAXII2_USERNAME (taxii2.username) and the password"),
        ]);

        using var document = JsonDocument.Parse(RunReportJson.Serialize(report));

        var error = document.RootElement.GetProperty("error");
        error.GetProperty("check").GetString().Should().Be("TAXII2_USERNAME (taxii2.username)");
        document.RootElement.GetProperty("succeeded").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Store_KeepsTheLast100Reports()
    {
        var store = new RunReportStore(_harness.RunsDirectory, NullLogger<RunReportStore>.Instance);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 103; i++)
        {
            store.Write(new RunReport([]), start.AddMinutes(i));
        }

        var files = Directory.GetFiles(_harness.RunsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCount(100);
        files[0].Should().Be("20261201T000300000Z.json", "the three oldest went");
        store.ReadLatest().Should().Equal(File.ReadAllBytes(Path.Combine(_harness.RunsDirectory, "20261201T014200000Z.json")));
    }

    [Fact]
    public async Task RunsLatest_ServedNextToMetrics_404BeforeTheFirstRun()
    {
        var store = new RunReportStore(_harness.RunsDirectory, NullLogger<RunReportStore>.Instance);
        var health = new RunHealthTracker(TimeProvider.System);
        await using var host = new ObservabilityEndpointHost(
            Options.Create(new ObservabilityEndpointOptions { Enabled = true, Address = IPAddress.Loopback, Port = 0 }),
            new ConnectorMetrics(health),
            new ReadinessCheck(health, new ConnectorRunStatus(), Options.Create(new ConfiguredSources { Enabled = ["taxii2"] })),
            new LagCheck(health, Options.Create(new MetricsOptions())),
            NullLoggerFactory.Instance,
            store);
        await host.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        (await http.GetAsync(new Uri("runs/latest", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await _harness.RunAsync(DropsOfEveryReason());
        using var response = await http.GetAsync(new Uri("runs/latest", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("totals").GetProperty("objects_in").GetInt64().Should().Be(6);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Table_OneLinePerCollectionWithDropsByReason_AndTheErrorWithItsSetting()
    {
        var collection = DropsOfEveryReason();
        await _harness.RunAsync(collection);
        var report = await _harness.RunAsync(collection);
        report = report with
        {
            Sources = [.. report.Sources, new SourceReport("taxii11", [], "TAXII 1.1 discovery failed; check TAXII11_DISCOVERY_URL (taxii11.discovery_url)")],
        };
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        await RunReportTable.WriteAsync(output, report, CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().StartWith("source").And.Contain("dropped");
        lines[1].Should().StartWith("taxii2").And.Contain("api1/Indicators").And.Contain("6 (duplicate 3, filtered 1, invalid 2)").And.EndWith("ok");
        lines[^1].Should().Be("error: TAXII 1.1 discovery failed; check TAXII11_DISCOVERY_URL (taxii11.discovery_url)");
    }

    private static readonly string[] Verbs = [.. ConnectorCommands.Create().Select(command => command.Name)];

    [Fact]
    public void CommandLine_FullResync_OnRunOnly()
    {
        CommandLineParser.TryParse(["run", "--once", "--full-resync"], Verbs, new Dictionary<string, string?>(), out var invocation, out _)
            .Should().BeTrue();
        invocation.FullResync.Should().BeTrue();

        CommandLineParser.TryParse(["check-config", "--full-resync"], Verbs, new Dictionary<string, string?>(), out _, out var error)
            .Should().BeFalse();
        error.Should().Be("--full-resync applies to the run command only.");
    }
}
