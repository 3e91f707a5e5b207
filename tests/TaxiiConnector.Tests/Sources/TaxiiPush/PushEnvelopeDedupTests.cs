using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Dedup;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Testing.Time;
using TaxiiConnector.Tests.Pipeline.Fakes;
using TaxiiConnector.Tests.Support;
using ServerPushOptions = TaxiiConnector.Server.Push.TaxiiPushHostOptions;
using TaxiiPushOptions = TaxiiConnector.Sources.TaxiiPush.TaxiiPushOptions;

namespace TaxiiConnector.Tests.Sources.TaxiiPush;

/// <summary>
/// <c>taxii_push.dedup</c> (issue #20): envelopes accepted by the real push endpoint (loopback) and delivered by
/// <see cref="PushEnvelopeDelivery"/> with a real de-duplication database in a temporary directory. A version the sink
/// acknowledged for the collection is not sent again (and is a success in the status, a <c>duplicate</c> drop in the
/// metrics); a version is recorded only after the sink acknowledged it.
/// </summary>
public sealed class PushEnvelopeDedupTests : IAsyncLifetime
{
    private const string CollectionId = "6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b";
    private const string First = "indicator--00000000-0000-4000-8000-000000000001";
    private const string Second = "indicator--00000000-0000-4000-8000-000000000002";
    private const string March = PushSpoolTraffic.March;
    private readonly string _directory = Directory.CreateTempSubdirectory("taxii-push-dedup-").FullName;
    private readonly TimerWatchingTimeProvider _time = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
    private readonly RecordingObserver _observer = new();
    private TaxiiPushHost _host = null!;

    private string Spool => Path.Combine(_directory, "spool");

    public async Task InitializeAsync() => _host = await StartHostAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DeliverAsync_SameEnvelopeTwice_SecondSendsNothingAndReportsDuplicates()
    {
        var sink = new RecordingSink();
        using var dedup = CreateDedup();
        var delivery = CreateDelivery(sink, dedup);

        await PostAndDeliverAsync(delivery, (First, March), (Second, March));
        sink.ObjectIds.Should().Contain([First, Second]);
        var acknowledged = sink.Acknowledged;
        var statusId = await PostAndDeliverAsync(delivery, (First, March), (Second, March));

        sink.Acknowledged.Should().Be(acknowledged, "every object of the second envelope was already acknowledged: no bundle at all");
        var status = _host.Spool.GetStatus(statusId)!;
        status.Status.Should().Be("complete");
        status.Failures.Should().BeEmpty("the platform has both objects");
        status.Successes.Select(s => s.Id).Should().BeEquivalentTo(First, Second);
        status.Successes.Should().OnlyContain(s => s.Message == PushObjectResults.DuplicateMessage);
        _observer.Pushes.Last().Drops.Should().Contain(DropCategories.Duplicate, 2);
        _observer.Pushes.Should().OnlyContain(p => p.Source == "taxii_push" && p.Collection == "Partner");
    }

    [Fact]
    public async Task DeliverAsync_OneObjectWithNewModified_OnlyThatObjectIsSent()
    {
        var sink = new RecordingSink();
        using var dedup = CreateDedup();
        var delivery = CreateDelivery(sink, dedup);
        await PostAndDeliverAsync(delivery, (First, March), (Second, March));
        var before = sink.ObjectIds.Count;

        var statusId = await PostAndDeliverAsync(delivery, (First, March), (Second, "2026-04-01T00:00:00.000Z"));

        sink.ObjectIds.Skip(before).Where(id => id.StartsWith("indicator--", StringComparison.Ordinal)).Should().Equal(Second);
        var status = _host.Spool.GetStatus(statusId)!;
        status.Successes.Single(s => s.Id == First).Message.Should().Be(PushObjectResults.DuplicateMessage);
        status.Successes.Single(s => s.Id == Second).Message.Should().BeNull();
        _observer.Pushes.Last().Drops.Should().Contain(DropCategories.Duplicate, 1);
    }

    [Fact]
    public async Task DeliverAsync_SinkFailsOnce_NothingRecordedAndTheRetryPushesEverything()
    {
        var sink = new RecordingSink { FailFirst = 1 };
        using var dedup = CreateDedup();
        var delivery = CreateDelivery(sink, dedup);
        await PostAsync((First, March), (Second, March));
        var envelope = await NextEnvelopeAsync();

        // The clock moves only to the retry delay the delivery waits on (the work-closing timeout is further out).
        await _time.DriveAsync(delivery.DeliverAsync(_host.Spool, envelope, CancellationToken.None), horizon: TimeSpan.FromSeconds(5));

        sink.Attempts.Should().Be(2);

        sink.ObjectIds.Should().Contain([First, Second], "the failed attempt recorded nothing, so the retry sends both objects");
        _host.Spool.GetStatus(envelope.StatusId)!.Successes.Should().OnlyContain(s => s.Message == null);
        var acknowledged = sink.Acknowledged;
        await PostAndDeliverAsync(delivery, (First, March), (Second, March));
        sink.Acknowledged.Should().Be(acknowledged, "the retry's acknowledgement recorded them");
    }

    [Fact]
    public async Task DeliverAsync_StoppedAfterTheAckBeforeTheSpoolCompleted_ReplayAfterRestartSendsNothingAndCompletes()
    {
        using var stop = new CancellationTokenSource();
        var sink = new RecordingSink();
        var ids = new List<string>();
        using (var dedup = CreateDedup())
        {
            var delivery = CreateDelivery(new StopAfterAckSink(sink, stop), dedup);
            var statusId = await PostAsync((First, March), (Second, March));
            var envelope = await NextEnvelopeAsync();

            // The sink takes the bundle, then the process stops before the status is written: the envelope stays spooled.
            await FluentActions.Awaiting(() => delivery.DeliverAsync(_host.Spool, envelope, stop.Token).WaitAsync(TimeSpan.FromSeconds(60)))
                .Should().ThrowAsync<OperationCanceledException>();
            _host.Spool.GetStatus(statusId)!.Status.Should().Be("pending");
            ids.AddRange(sink.ObjectIds);
        }

        ids.Should().Contain([First, Second]);
        await _host.DisposeAsync();
        _host = await StartHostAsync();
        var restartedSink = new RecordingSink();
        using var restartedDedup = CreateDedup();
        var replayed = await NextEnvelopeAsync();

        await CreateDelivery(restartedSink, restartedDedup).DeliverAsync(_host.Spool, replayed, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        restartedSink.Acknowledged.Should().Be(0, "the versions were recorded with the acknowledgement, before the stop");
        var status = _host.Spool.GetStatus(replayed.StatusId)!;
        status.Status.Should().Be("complete");
        status.Successes.Select(s => s.Id).Should().BeEquivalentTo(First, Second);
    }

    [Fact]
    public async Task DeliverAsync_DedupOff_SameEnvelopeIsSentAgain()
    {
        var sink = new RecordingSink();
        using var dedup = CreateDedup(enabled: false);
        var delivery = CreateDelivery(sink, dedup);

        await PostAndDeliverAsync(delivery, (First, March));
        await PostAndDeliverAsync(delivery, (First, March));

        sink.ObjectIds.Count(id => id == First).Should().Be(2);
        File.Exists(Path.Combine(_directory, DedupSettings.DatabaseFileName)).Should().BeFalse("taxii_push.dedup=false never opens the database");
    }

    private PushEnvelopeDedup CreateDedup(bool enabled = true) => new(
        new DedupSettings
        {
            DatabasePath = Path.Combine(_directory, DedupSettings.DatabaseFileName),
            DisabledSources = enabled ? new HashSet<string>() : new HashSet<string> { TaxiiPushOptions.SectionName },
        },
        _time,
        NullLogger<ObjectDeduplicator>.Instance);

    private PushEnvelopeDelivery CreateDelivery(IBundleSink sink, PushEnvelopeDedup dedup)
    {
        var section = new TaxiiPushOptions { Collections = [new PushCollectionSetting(CollectionId, "Partner")] };
        var pusher = new BundlePusher(sink, Options.Create(new PipelineOptions { PushAttempts = 1 }), _time, NullLogger<BundlePusher>.Instance);
        return new PushEnvelopeDelivery(
            Options.Create(section),
            TransformerDefaults.ForPush(section),
            new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance),
            pusher,
            new RecordingWorkTracker(),
            Options.Create(new PushConsumerOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(1), DeliveryAttempts = 50, DeliveryMaxTime = TimeSpan.FromHours(4) }),
            _time,
            NullLogger<TaxiiConnector.Stix.Transform.StixTransformer>.Instance,
            NullLogger<PushEnvelopeDelivery>.Instance,
            dedup,
            new PipelineEvents([_observer], NullLogger<PipelineEvents>.Instance));
    }

    private Task<TaxiiPushHost> StartHostAsync() => TaxiiPushHost.StartAsync(new ServerPushOptions
    {
        ApiRoot = "push",
        Title = "Push endpoint",
        ApiRootTitle = "Push API root",
        MaxContentLength = 10 * 1024 * 1024,
        SpoolDirectory = Spool,
        Collections = [new TaxiiPushCollection(CollectionId, "Partner")],
        Users = [new TaxiiPushUser("alice") { Password = "pw", Collections = ["*"] }],
    });

    private async Task<string> PostAndDeliverAsync(PushEnvelopeDelivery delivery, params (string Id, string Modified)[] objects)
    {
        var statusId = await PostAsync(objects);
        var envelope = await NextEnvelopeAsync();
        await delivery.DeliverAsync(_host.Spool, envelope, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return statusId;
    }

    private Task<string> PostAsync(params (string Id, string Modified)[] objects) =>
        PushSpoolTraffic.PostIndicatorsAsync(_host, CollectionId, objects);

    private Task<SpooledEnvelope> NextEnvelopeAsync() => PushSpoolTraffic.NextEnvelopeAsync(_host.Spool);

    /// <summary>Acknowledges through the inner sink, then stops the consumer (as a shutdown right after the ack would).</summary>
    private sealed class StopAfterAckSink(IBundleSink inner, CancellationTokenSource stop) : IBundleSink
    {
        public string Name => inner.Name;

        public async ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
        {
            await inner.PushAsync(bundle, context, cancellationToken);
            await stop.CancelAsync();
        }
    }

    private sealed class RecordingObserver : IPipelineObserver
    {
        public List<(string Source, string Collection, IReadOnlyDictionary<string, int> Drops)> Pushes { get; } = [];

        public void SourceRunStarted(string source)
        {
        }

        public void SourceRunEnded(string source, bool succeeded, TimeSpan elapsed)
        {
        }

        public void CollectionStarted(string source, string collection, string? cursor)
        {
        }

        public void PageFetched(string source, string collection, int objects)
        {
        }

        public void PagePushed(string source, string collection, PagePushed page) => Pushes.Add((source, collection, page.Drops));

        public void PushRetried(string source, string collection)
        {
        }

        public void CollectionEnded(CollectionReport report)
        {
        }
    }
}
