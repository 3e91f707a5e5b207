using TaxiiConnector.Tests.Pipeline.Fakes;

namespace TaxiiConnector.Tests.Pipeline;

/// <summary>
/// The fetch side reads one page ahead of the transform: page N+1 is read while page N is transformed, pages still reach
/// the sink and the state in source order, and a page read ahead is released when the run fails or is cancelled.
/// </summary>
public sealed class ReadAheadTests
{
    /// <summary>A bound on waiting for something that must happen; reaching it fails the test, it measures nothing.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunOnceAsync_PageBeingTransformed_TheNextPageIsReadMeanwhileAndOrderIsKept()
    {
        FakeCollection? collection = null;
        var readWhileTransforming = new List<int>();
        var harness = new PipelineHarness
        {
            Bundler = new FakeBundler
            {
                BeforeBundle = page =>
                {
                    // Without read-ahead the source is idle here and the wait runs out.
                    if (SpinWait.SpinUntil(() => collection!.PagesYielded > page || collection.PagesYielded == 5, Patience))
                    {
                        readWhileTransforming.Add(page);
                    }
                },
            },
        };
        collection = new FakeCollection("alpha", pages: 5);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Succeeded.Should().BeTrue();
        readWhileTransforming.Should().Equal(1, 2, 3, 4, 5);
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds());
        harness.State.Commits.Select(c => c.Cursor).Should().Equal("c1", "c2", "c3", "c4", "c5");
        collection.PagesOutstanding.Should().Be(0);
        harness.Bundler.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task RunOnceAsync_TransformFailsWhileTheNextPageIsReadAhead_ReleasesEveryPageAndCommitsOnlyEarlierPages()
    {
        FakeCollection? collection = null;
        var harness = new PipelineHarness
        {
            Bundler = new FakeBundler
            {
                BeforeBundle = page =>
                {
                    if (page == 3)
                    {
                        // Page 4 is in hand (read ahead) when page 3 fails.
                        SpinWait.SpinUntil(() => collection!.PagesYielded >= 4, Patience).Should().BeTrue();
                        throw new InvalidOperationException("transformer broke at page 3");
                    }
                },
            },
        };
        collection = new FakeCollection("alpha", pages: 6);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Collections.Single().Error.Should().Contain("transformer broke at page 3");
        harness.State.Commits.Select(c => c.Cursor).Should().Equal("c1", "c2");
        collection.PagesYielded.Should().Be(4);
        collection.PagesOutstanding.Should().Be(0);
        harness.Bundler.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task RunOnceAsync_NextPageFailsWhileOneIsTransformed_ThatPageIsPushedAndCommittedFirst()
    {
        FakeCollection? collection = null;
        var harness = new PipelineHarness
        {
            Bundler = new FakeBundler
            {
                // Page 2 is transformed only once the read of page 3 has failed: its bundles must still go out first.
                BeforeBundle = page =>
                {
                    if (page == 2)
                    {
                        SpinWait.SpinUntil(() => collection!.FailedReads > 0, Patience).Should().BeTrue();
                    }
                },
            },
        };
        collection = new FakeCollection("alpha", pages: 5) { FailAtPage = 3 };
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var report = await runner.RunOnceAsync(CancellationToken.None);

        report.Collections.Single().Error.Should().Contain("server broke at page 3");
        harness.State.Commits.Select(c => c.Cursor).Should().Equal("c1", "c2");
        harness.Sink.ObjectIds.Should().Equal(collection.AllObjectIds().Take(6));
        collection.PagesOutstanding.Should().Be(0);
        harness.Bundler.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task RunOnceAsync_CancelledWhileAPageIsReadAhead_ThrowsAndReleasesEveryPage()
    {
        using var cancellation = new CancellationTokenSource();
        FakeCollection? collection = null;
        var harness = new PipelineHarness
        {
            Bundler = new FakeBundler
            {
                BeforeBundle = page =>
                {
                    if (page == 2)
                    {
                        SpinWait.SpinUntil(() => collection!.PagesYielded >= 3, Patience).Should().BeTrue();
                        cancellation.Cancel();
                    }
                },
            },
        };
        collection = new FakeCollection("alpha", pages: 8);
        var runner = harness.CreateRunner(new FakeSource("taxii2", collection));

        var act = () => runner.RunOnceAsync(cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        harness.State.Commits.Select(c => c.Cursor).Should().BeSubsetOf(["c1", "c2"]);
        collection.PagesOutstanding.Should().Be(0);
        harness.Bundler.Outstanding.Should().Be(0);
    }
}
