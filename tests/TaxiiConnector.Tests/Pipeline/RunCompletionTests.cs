using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Tests.Pipeline.Fakes;

namespace TaxiiConnector.Tests.Pipeline;

/// <summary>
/// What a run leaves behind for the next one, and for the Python TAXII2 connector. That connector reads one
/// <c>last_run</c> (epoch seconds) as the <c>added_after</c> of every collection and writes its run's start there
/// (connectors external-import/taxii2/src/connector/connector.py, <c>process_message</c>: <c>now</c> is taken before
/// polling, <c>current_state["last_run"] = int(now.timestamp())</c> after sending).
/// </summary>
public sealed class RunCompletionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("taxii-run-").FullName;

    [Fact]
    public async Task RunOnceAsync_EveryCollectionRead_RecordsTheRunStartNotTheCommitTime()
    {
        var time = new FakeTimeProvider(T0);
        var harness = new PipelineHarness { Time = time };
        var commitTimes = new List<DateTimeOffset>();
        harness.State.OnCommit = (_, _) => commitTimes.Add(time.GetUtcNow());
        var runner = harness.CreateRunner(new FakeSource("taxii2",
            new FakeCollection("a", pages: 2) { OnPageYielding = _ => time.Advance(TimeSpan.FromMinutes(5)) },
            new FakeCollection("b", pages: 1) { OnPageYielding = _ => time.Advance(TimeSpan.FromMinutes(5)) }));

        (await runner.RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeTrue();

        harness.State.CompletedRuns.Should().Equal(T0);
        commitTimes.Should().OnlyContain(t => t > T0, "the pages were read after the run started");
    }

    [Fact]
    public async Task RunOnceAsync_OneCollectionFails_RecordsNoCompletedRun()
    {
        var harness = new PipelineHarness();
        var runner = harness.CreateRunner(new FakeSource("taxii2", new FakeCollection("a", 1), new FakeCollection("b", 2) { FailAtPage = 2 }));

        (await runner.RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeFalse();

        harness.State.CompletedRuns.Should().BeEmpty("the Python connector would start every collection there and skip b's failed page");
    }

    [Fact]
    public async Task MigrationFromPython_CollectionThatNeverCommitted_StartsFromPythonLastRunEvenAfterOthersCommitted()
    {
        // Python state → ours. Run 1: a commits, b fails on its first page. After a restart b must still start from the
        // Python last_run, not from the initial history (which could leave a gap).
        var path = Path.Combine(_directory, "state.json");
        await File.WriteAllTextAsync(path, """{"last_run": 1700000000}""");
        var a = new FakeCollection("a", pages: 2);
        var failingB = new FakeCollection("b", pages: 2) { FailAtPage = 1 };
        using (var state = new FileStateStore(path))
        {
            (await CreateRunner(state, new FakeTimeProvider(T0), a, failingB).RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeFalse();
        }

        var b = new FakeCollection("b", pages: 2);
        var c = new FakeCollection("a", pages: 2);
        using (var restarted = new FileStateStore(path))
        {
            (await CreateRunner(restarted, new FakeTimeProvider(T0.AddHours(1)), c, b).RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeTrue();
        }

        failingB.StartCursors.Should().Equal("2023-11-14T22:13:20.000000Z");
        b.StartCursors.Should().Equal(["2023-11-14T22:13:20.000000Z"], await File.ReadAllTextAsync(path));
        c.StartCursors.Should().Equal("c2");
    }

    [Fact]
    public async Task MigrationToPython_LastRunIsTheStartOfTheLastFullyCompletedRun()
    {
        // Ours → Python: what the Python connector would read as added_after for every collection.
        var path = Path.Combine(_directory, "state.json");
        using (var state = new FileStateStore(path))
        {
            var time = new FakeTimeProvider(T0);
            var a = new FakeCollection("a", pages: 2) { OnPageYielding = _ => time.Advance(TimeSpan.FromMinutes(10)) };
            (await CreateRunner(state, time, a).RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeTrue();
        }

        PythonAddedAfter(path).Should().Be(T0);

        // A later run that fails leaves last_run where it was: the failed collection was not read past T0.
        using (var state = new FileStateStore(path))
        {
            var later = new FakeTimeProvider(T0.AddDays(1));
            (await CreateRunner(state, later, new FakeCollection("a", pages: 3), new FakeCollection("b", 1) { FailAtPage = 1 })
                .RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeFalse();
        }

        PythonAddedAfter(path).Should().Be(T0);
    }

    [Fact]
    public async Task MigrationToPython_NoRunCompletedYet_WritesNoLastRunSoPythonUsesItsInitialHistory()
    {
        var path = Path.Combine(_directory, "state.json");
        using (var state = new FileStateStore(path))
        {
            (await CreateRunner(state, new FakeTimeProvider(T0), new FakeCollection("a", 2), new FakeCollection("b", 1) { FailAtPage = 1 })
                .RunOnceAsync(CancellationToken.None)).Succeeded.Should().BeFalse();
        }

        PythonAddedAfter(path).Should().BeNull();
    }

    [Fact]
    public async Task MigrationRoundTrip_PythonRunsOnOurStateThenWeResume_NothingSkipped()
    {
        // Ours → Python → ours: the Python connector keeps the other keys and sets last_run; we resume from our cursors,
        // which are older than its last_run (a replay, never a gap), and collections without a cursor from the migration.
        var path = Path.Combine(_directory, "state.json");
        await File.WriteAllTextAsync(path, """{"last_run": 1700000000}""");
        using (var state = new FileStateStore(path))
        {
            await CreateRunner(state, new FakeTimeProvider(T0), new FakeCollection("a", 2)).RunOnceAsync(CancellationToken.None);
        }

        var afterUs = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        var python = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(afterUs.GetRawText())!;
        python["last_run"] = JsonSerializer.SerializeToElement(T0.AddDays(2).ToUnixTimeSeconds());
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(python));

        var a = new FakeCollection("a", pages: 3);
        var b = new FakeCollection("b", pages: 1);
        using (var state = new FileStateStore(path))
        {
            await CreateRunner(state, new FakeTimeProvider(T0.AddDays(3)), a, b).RunOnceAsync(CancellationToken.None);
        }

        a.StartCursors.Should().Equal("c2");
        b.StartCursors.Should().Equal("2023-11-14T22:13:20.000000Z");
    }

    [Fact]
    public async Task RunOnceAsync_WorkAddFailsAfterThePlatformMayHaveAppliedIt_RunEndsInErrorNothingRead()
    {
        var harness = new PipelineHarness();
        harness.Works.StartFailure = new HttpRequestException("OpenCTI workAdd failed: HTTP 502 BadGateway");
        var collection = new FakeCollection("a", pages: 2);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Succeeded.Should().BeFalse();
        report.Sources.Single().Error.Should().Contain("workAdd");
        harness.Works.Started.Should().ContainSingle("a second workAdd could open a second work");
        collection.StartCursors.Should().BeEmpty();
        harness.State.Commits.Should().BeEmpty();
        harness.State.CompletedRuns.Should().BeEmpty();
    }

    [Theory]
    [InlineData(TaxiiConnector.Sources.SourceWorkScope.PerRun)]
    [InlineData(TaxiiConnector.Sources.SourceWorkScope.PerCollection)]
    public async Task RunOnceAsync_WorkCannotBeClosed_RunEndsInErrorAndCloseIsNotRepeated(TaxiiConnector.Sources.SourceWorkScope scope)
    {
        var harness = new PipelineHarness();
        harness.Works.CompleteFailure = new HttpRequestException("OpenCTI workToProcessed failed: HTTP 502 BadGateway");
        var runner = harness.CreateRunner(new FakeSource("taxii2", new FakeCollection("a", 1)) { WorkScope = scope });

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Succeeded.Should().BeFalse();
        string.Join(' ', report.Sources.Select(s => s.Error).Concat(report.Collections.Select(c => c.Error))).Should().Contain("workToProcessed");
        harness.Works.Completed.Should().ContainSingle();
        harness.State.CompletedRuns.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The Python connector's reading: <c>last_run</c> (int epoch seconds) when present, else its initial history (null here).</summary>
    private static DateTimeOffset? PythonAddedAfter(string path)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(path));
        return state.RootElement.ValueKind == JsonValueKind.Object && state.RootElement.TryGetProperty("last_run", out var lastRun)
            ? DateTimeOffset.FromUnixTimeSeconds(lastRun.GetInt64())
            : null;
    }

    private static ConnectorRunner CreateRunner(IStateStore state, TimeProvider time, params FakeCollection[] collections)
    {
        var options = Options.Create(new PipelineOptions());
        var pusher = new BundlePusher(new RecordingSink(), options, time, NullLogger<BundlePusher>.Instance);
        var pump = new CollectionPump(new FakeBundler(), pusher, state, options, time, NullLogger<CollectionPump>.Instance);
        return new ConnectorRunner([new FakeSource("taxii2", collections)], pump, state, new RecordingWorkTracker(), AlwaysAdmit.Instance, options, time,
            NullLogger<ConnectorRunner>.Instance);
    }
}
