using TaxiiConnector.Testing.Time;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Tests.Pipeline.Fakes;

namespace TaxiiConnector.Tests.Pipeline;

public sealed class ConnectorRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunOnceAsync_ThreePages_PushesEveryObjectAndCommitsEachCursorInOrder()
    {
        var harness = new PipelineHarness();
        var collection = new FakeCollection("alpha", pages: 3);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds());
        harness.State.Commits.Should().Equal((collection.StateKey, "c1"), (collection.StateKey, "c2"), (collection.StateKey, "c3"));
        report.Succeeded.Should().BeTrue();
        var line = report.Collections.Single();
        line.Should().BeEquivalentTo(new { Pages = 3, ObjectsIn = 9L, ObjectsOut = 9L, Dropped = 0L, Bundles = 3, Cursor = "c3" });
        collection.StartCursors.Should().Equal([null]);
    }

    [Fact]
    public async Task RunOnceAsync_CommittedCursor_ResumesAfterIt()
    {
        var harness = new PipelineHarness();
        var collection = new FakeCollection("alpha", pages: 5);
        harness.State.Set(collection.StateKey, "c3");
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        await runner.RunOnceAsync(CancellationToken.None);

        collection.StartCursors.Should().Equal("c3");
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds().Skip(9));
        harness.State.GetCursor(collection.StateKey).Should().Be("c5");
    }

    [Fact]
    public async Task RunOnceAsync_LegacyLastRunOnly_StartsEveryCollectionFromIt()
    {
        var harness = new PipelineHarness();
        harness.State.LegacyLastRun = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var first = new RecordingStartCollection();
        var second = new RecordingStartCollection();
        var runner = harness.CreateRunner(new FakeSource("taxii2", first, second));

        await runner.RunOnceAsync(CancellationToken.None);

        first.Start.Should().Be("2023-11-14T22:13:20.000000Z");
        second.Start.Should().Be("2023-11-14T22:13:20.000000Z");
    }

    [Fact]
    public async Task RunOnceAsync_SecondRun_ReadsFromTheLastCommittedCursorAndPushesNothingNew()
    {
        var harness = new PipelineHarness();
        var collection = new FakeCollection("alpha", pages: 2);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        await runner.RunOnceAsync(CancellationToken.None);
        var second = await runner.RunOnceAsync(CancellationToken.None);

        collection.StartCursors.Should().Equal(null, "c2");
        second.ObjectsOut.Should().Be(0);
        harness.Sink.ObjectIds.Should().HaveCount(6);
        harness.State.Loads.Should().Be(1);
    }

    [Fact]
    public async Task RunOnceAsync_FetchFailsAtPageThree_CommitsTheFirstTwoAndClosesTheWorkInError()
    {
        var harness = new PipelineHarness();
        var collection = new FakeCollection("alpha", pages: 5) { FailAtPage = 3 };
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        harness.State.GetCursor(collection.StateKey).Should().Be("c2");
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds().Take(6));
        var line = report.Collections.Single();
        line.Error.Should().Contain("page 3");
        line.Cursor.Should().Be("c2");
        harness.Works.Completed.Should().ContainSingle().Which.InError.Should().BeTrue();
    }

    [Fact]
    public async Task RunOnceAsync_OneCollectionFails_TheOthersAreStillRead()
    {
        var harness = new PipelineHarness();
        var broken = new FakeCollection("broken", pages: 3) { FailAtPage = 1 };
        var healthy = new FakeCollection("healthy", pages: 2);
        var runner = harness.CreateRunner(new FakeSource("taxii2", broken, healthy));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        harness.Sink.ObjectIds.Should().Equal(healthy.AllObjectIds());
        harness.State.GetCursor(broken.StateKey).Should().BeNull();
        harness.State.GetCursor(healthy.StateKey).Should().Be("c2");
        report.Collections.Select(c => c.Succeeded).Should().Equal(false, true);
        harness.Works.Started.Should().ContainSingle();
        harness.Works.Completed.Should().ContainSingle().Which.Should().Match<(string?, string Message, bool InError)>(
            c => c.InError && c.Message.Contains("broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnceAsync_AllSucceed_ClosesOneWorkPerSourceNotInError()
    {
        var harness = new PipelineHarness();
        var runner = harness.CreateRunner(
            new FakeSource("taxii2", new FakeCollection("a", 1), new FakeCollection("b", 2)),
            new FakeSource("cyberthreatexchange", new FakeCollection("c", 1)));

        await runner.RunOnceAsync(CancellationToken.None);

        harness.Works.Started.Should().HaveCount(2);
        harness.Works.Completed.Should().HaveCount(2).And.OnlyContain(c => !c.InError);
        harness.Sink.Contexts.Select(c => c.WorkId).Distinct().Should().Equal("work-1", "work-2");
        harness.Works.Expectations.Should().BeEmpty("the sink adds expectations, it alone knows how many messages a bundle becomes");
    }

    [Fact]
    public async Task RunOnceAsync_WorkPerCollectionSource_OpensOneWorkPerFeedInErrorOnlyForTheFailedOneBesideOnePerRunSource()
    {
        var harness = new PipelineHarness();
        var taxii = new FakeSource("taxii2", new FakeCollection("a", 1), new FakeCollection("b", 1));
        var feeds = new FakeSource("cyberthreatexchange",
            new FakeCollection("feed-1", 2), new FakeCollection("feed-2", 3) { FailAtPage = 2 }, new FakeCollection("feed-3", 1))
        {
            WorkScope = TaxiiConnector.Sources.SourceWorkScope.PerCollection,
        };
        var runner = harness.CreateRunner(taxii, feeds);

        var report = await runner.RunOnceAsync(CancellationToken.None);

        harness.Works.Started.Should().HaveCount(4);
        harness.Works.Started[0].Should().StartWith("TaxiiConnector taxii2 run @ ");
        harness.Works.Started.Skip(1).Should().SatisfyRespectively(
            name => name.Should().StartWith("TaxiiConnector cyberthreatexchange feed-1 run @ "),
            name => name.Should().StartWith("TaxiiConnector cyberthreatexchange feed-2 run @ "),
            name => name.Should().StartWith("TaxiiConnector cyberthreatexchange feed-3 run @ "));
        harness.Works.Completed.Select(c => (c.WorkId, c.InError)).Should().Equal(
            ("work-1", false), ("work-2", false), ("work-3", true), ("work-4", false));
        harness.Works.Completed[2].Message.Should().Contain("feed-2");
        harness.Sink.Contexts.Where(c => c.Source == "cyberthreatexchange").Select(c => (c.Collection, c.WorkId)).Distinct().Should().Equal(
            ("feed-1", "work-2"), ("feed-2", "work-3"), ("feed-3", "work-4"));
        harness.Sink.Contexts.Where(c => c.Source == "taxii2").Select(c => c.WorkId).Distinct().Should().Equal("work-1");
        report.Sources.Select(s => s.Succeeded).Should().Equal(true, false);
    }

    [Fact]
    public async Task RunOnceAsync_WorkPerCollectionSourceCannotListFeeds_RecordsTheFailureInOneWorkClosedInError()
    {
        var harness = new PipelineHarness();
        var feeds = new FakeSource("cyberthreatexchange") { FailListing = true, WorkScope = TaxiiConnector.Sources.SourceWorkScope.PerCollection };
        var runner = harness.CreateRunner(feeds);

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Sources.Single().Error.Should().Contain("discovery refused");
        harness.Works.Started.Should().ContainSingle().Which.Should().StartWith("TaxiiConnector cyberthreatexchange run @ ");
        harness.Works.Completed.Should().ContainSingle().Which.Should().Match<(string?, string Message, bool InError)>(
            c => c.InError && c.Message.Contains("discovery refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnceAsync_WorkPerCollectionSourceCancelledInTheSecondFeed_ClosesThatFeedsWorkInErrorAndOpensNoOther()
    {
        var harness = new PipelineHarness();
        using var cancellation = new CancellationTokenSource();
        var second = new FakeCollection("feed-2", pages: 5) { OnPageYielding = page => { if (page == 2) cancellation.Cancel(); } };
        var feeds = new FakeSource("cyberthreatexchange", new FakeCollection("feed-1", 1), second, new FakeCollection("feed-3", 1))
        {
            WorkScope = TaxiiConnector.Sources.SourceWorkScope.PerCollection,
        };
        var runner = harness.CreateRunner(feeds);

        var act = () => runner.RunOnceAsync(cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        harness.Works.Started.Should().HaveCount(2);
        harness.Works.Completed.Select(c => (c.WorkId, c.InError)).Should().Equal(("work-1", false), ("work-2", true));
        harness.Works.Completed[1].Message.Should().Contain("cancelled");
    }

    [Fact]
    public async Task RunOnceAsync_SourceCannotListCollections_WorkClosedInErrorAndNextSourceRuns()
    {
        var harness = new PipelineHarness();
        var next = new FakeCollection("next", 1);
        var runner = harness.CreateRunner(new FakeSource("taxii2") { FailListing = true }, new FakeSource("taxii11", next));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Sources[0].Error.Should().Contain("discovery refused");
        report.Sources[1].Succeeded.Should().BeTrue();
        harness.Works.Completed.Select(c => c.InError).Should().Equal(true, false);
        harness.Sink.ObjectIds.Should().Equal(next.AllObjectIds());
    }

    [Fact]
    public async Task RunOnceAsync_InvalidObjectsInAPage_AreDroppedAndCountedWhileTheRestIsPushed()
    {
        var harness = new PipelineHarness();
        var collection = new FakeCollection("alpha", pages: 3) { IsInvalid = (page, index) => page == 2 && index == 1 };
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds()).And.HaveCount(8);
        report.Collections.Single().Should().BeEquivalentTo(new { ObjectsIn = 9L, ObjectsOut = 8L, Dropped = 1L, Cursor = "c3" });
    }

    [Fact]
    public async Task RunOnceAsync_PageWithNothingToPush_CommitsItsCursorWithoutPushing()
    {
        var harness = new PipelineHarness();
        var collection = new FakeCollection("alpha", pages: 2) { IsInvalid = (page, _) => page == 2 };
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        await runner.RunOnceAsync(CancellationToken.None);

        harness.Sink.Acknowledged.Should().Be(1);
        harness.State.GetCursor(collection.StateKey).Should().Be("c2");
    }

    [Fact]
    public async Task RunOnceAsync_SinkFailsThenRecovers_EverythingArrivesAndCursorsFollowAcknowledgements()
    {
        var harness = new PipelineHarness();
        harness.Sink.FailFirst = 3;
        var collection = new FakeCollection("alpha", pages: 4);
        var acknowledgedAtCommit = new List<int>();
        harness.State.OnCommit = (_, _) => acknowledgedAtCommit.Add(harness.Sink.ObjectIds.Count);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Succeeded.Should().BeTrue();
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds());
        harness.Sink.Attempts.Should().Be(4 + 3);
        acknowledgedAtCommit.Should().Equal(3, 6, 9, 12);
    }

    [Fact]
    public async Task RunOnceAsync_SinkNeverRecovers_NothingCommittedAndTheNextRunDeliversEverything()
    {
        var harness = new PipelineHarness();
        harness.Options.PushAttempts = 3;
        harness.Sink.FailFirst = int.MaxValue;
        var collection = new FakeCollection("alpha", pages: 3);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var failed = await runner.RunOnceAsync(CancellationToken.None);

        failed.Succeeded.Should().BeFalse();
        harness.Sink.Attempts.Should().Be(3);
        harness.State.Commits.Should().BeEmpty();
        harness.Works.Completed.Should().ContainSingle().Which.InError.Should().BeTrue();
        harness.Bundler.Outstanding.Should().Be(0, "pages prepared but never pushed are released");

        harness.Sink.FailFirst = 0;
        var recovered = await runner.RunOnceAsync(CancellationToken.None);

        recovered.Succeeded.Should().BeTrue();
        collection.StartCursors.Should().Equal(null, null);
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds());
    }

    [Fact]
    public async Task RunOnceAsync_SinkRefusal_WaitsTheRetryDelayOnTheTimeProvider()
    {
        // No real waits: the clock moves only when the test advances it, and only once the retry's timer exists. A pusher
        // that waited on the wall clock would create no timer on the TimeProvider and fail the first assertion.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var clock = new DelayWatchingTimeProvider(time, TimeSpan.FromSeconds(10));
        var harness = new PipelineHarness { Time = clock };
        harness.Options.PushRetryDelay = TimeSpan.FromSeconds(10);
        harness.Options.PushRetryMaxDelay = TimeSpan.FromSeconds(10);
        harness.Sink.FailFirst = 1;
        var runner = harness.CreateRunner(new FakeSource("taxii2", new FakeCollection("alpha", pages: 1)));

        var run = runner.RunOnceAsync(CancellationToken.None);

        (await clock.WaitForDelayAsync(Patience)).Should().BeTrue("the retry waits on the TimeProvider");
        harness.Sink.Attempts.Should().Be(1);
        time.Advance(TimeSpan.FromSeconds(9));
        harness.Sink.Attempts.Should().Be(1, "the retry waits the whole delay");
        time.Advance(TimeSpan.FromSeconds(1));
        (await run.WaitAsync(Patience)).Succeeded.Should().BeTrue();
        harness.Sink.Attempts.Should().Be(2);
    }

    [Fact]
    public async Task RunOnceAsync_SinkFailureThatMayHaveBeenApplied_FailsAtOnceWithoutRetryNorCommit()
    {
        // Only a sink's "not delivered" is pushed again: anything else may have reached the platform (one layer retries).
        var harness = new PipelineHarness();
        harness.Sink.FailFirst = 1;
        harness.Sink.FailuresAreFinal = true;
        var collection = new FakeCollection("alpha", pages: 2);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Succeeded.Should().BeFalse();
        report.Collections.Single().Error.Should().Contain("refused the bundle");
        harness.Sink.Attempts.Should().Be(1);
        harness.State.Commits.Should().BeEmpty();
    }

    [Fact]
    public async Task RunOnceAsync_SlowSink_FetchingOverlapsPushingButStaysBounded()
    {
        var harness = new PipelineHarness();
        harness.Sink.Gate = new SemaphoreSlim(0);
        // One page in the sink, the buffer full, one page waiting to be written and one read ahead: the fetcher can go
        // no further ahead of the sink's acknowledgements. Measured as each page is read, so no wait has to give an
        // unbounded fetcher the time to overshoot: it overshoots while the sink still holds page 1.
        var bound = 1 + harness.Options.PageBufferCapacity + 1 + 1;
        var mostAhead = 0;
        var collection = new FakeCollection("alpha", pages: 30, objectsPerPage: 1)
        {
            OnPageYielding = page => mostAhead = Math.Max(mostAhead, page - harness.Sink.Acknowledged),
        };
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var run = runner.RunOnceAsync(CancellationToken.None);
        // While page 1 waits for its acknowledgement, the fetcher keeps going: the two sides overlap.
        await Eventually.HoldsAsync(() => collection.PagesYielded >= bound);
        // Each acknowledgement lets exactly one more page in.
        for (var acknowledged = 1; bound + acknowledged <= 30; acknowledged++)
        {
            harness.Sink.Gate.Release();
            var expected = bound + acknowledged;
            await Eventually.HoldsAsync(() => collection.PagesYielded >= expected, $"page {expected} is read");
        }

        harness.Sink.Gate.Release(30);
        var report = await run;
        mostAhead.Should().Be(bound, "the fetcher reads ahead of the sink, and never more than the buffer allows");
        report.Collections.Single().Pages.Should().Be(30);
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds());
    }

    [Fact]
    public async Task RunOnceAsync_CancelledWhilePushing_ThrowsClosesTheWorkAndCommitsOnlyAcknowledgedPages()
    {
        var harness = new PipelineHarness();
        using var cancellation = new CancellationTokenSource();
        var collection = new FakeCollection("alpha", pages: 10);
        harness.Sink.BeforeAck = _ =>
        {
            if (harness.Sink.Acknowledged == 2)
            {
                cancellation.Cancel();
            }
        };
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var act = () => runner.RunOnceAsync(cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        harness.Sink.Acknowledged.Should().Be(2);
        harness.State.Commits.Select(c => c.Cursor).Should().Equal("c1", "c2");
        harness.Works.Completed.Should().ContainSingle().Which.InError.Should().BeTrue();
        harness.Bundler.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task RunOnceAsync_PlatformQueueOverThreshold_SkipsTheRunWithoutReadingOrOpeningAWork()
    {
        var harness = new PipelineHarness { Admission = new SkipEveryRun() };
        var collection = new FakeCollection("alpha", pages: 2);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Skipped.Should().BeTrue();
        collection.StartCursors.Should().BeEmpty();
        harness.Works.Started.Should().BeEmpty();
        harness.Sink.Attempts.Should().Be(0);
    }

    [Fact]
    public async Task RunAsync_ACollectionFailed_ThrowsAfterEverythingRanSoTheSchedulerRecordsAFailedRun()
    {
        var harness = new PipelineHarness();
        var healthy = new FakeCollection("healthy", pages: 1);
        var runner = harness.CreateRunner(new FakeSource("taxii2", new FakeCollection("broken", 2) { FailAtPage = 1 }, healthy));

        var act = () => runner.RunAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<TaxiiConnector.Pipeline.ConnectorRunFailedException>()).Which.Message.Should().Contain("broken");
        harness.Sink.ObjectIds.Should().Equal(healthy.AllObjectIds());
    }

    private sealed class SkipEveryRun : TaxiiConnector.Pipeline.IRunAdmission
    {
        public Task<bool> ShouldSkipRunAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }


    private sealed class RecordingStartCollection : TaxiiConnector.Sources.ISourceCollection
    {
        public string StateKey { get; } = "fake|" + Guid.NewGuid();

        public string DisplayName => StateKey;

        public string? Start { get; private set; }

        public async IAsyncEnumerable<TaxiiConnector.Sources.SourcePage> ReadPagesAsync(string? committedCursor,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Start = committedCursor;
            await Task.CompletedTask;
            yield break;
        }
    }
}
