using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Tests.Observability;
using TaxiiConnector.Testing.Time;
using TaxiiConnector.Tests.Pipeline.Fakes;
using TaxiiConnector.Tests.Support;
using ServerPushOptions = TaxiiConnector.Server.Push.TaxiiPushHostOptions;
using TaxiiPushOptions = TaxiiConnector.Sources.TaxiiPush.TaxiiPushOptions;

namespace TaxiiConnector.Tests.Sources.TaxiiPush;

/// <summary>
/// One envelope accepted by the real push endpoint (loopback), delivered by <see cref="PushEnvelopeDelivery"/> with a
/// <see cref="FakeTimeProvider"/>: a failure that may pass is delivered again after a doubling delay (the status stays
/// pending and every OpenCTI work is closed, in error) within a bounded number of attempts and time; one that cannot pass,
/// or the end of those bounds, completes the status with every object failed.
/// </summary>
public sealed class PushEnvelopeDeliveryTests : IAsyncLifetime
{
    private const string CollectionId = "6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _spool = Directory.CreateTempSubdirectory("taxii-push-delivery-").FullName;
    private TaxiiPushHost _host = null!;

    public async Task InitializeAsync() => _host = await TaxiiPushHost.StartAsync(new ServerPushOptions
    {
        ApiRoot = "push",
        Title = "Push endpoint",
        ApiRootTitle = "Push API root",
        MaxContentLength = 10 * 1024 * 1024,
        SpoolDirectory = _spool,
        Collections = [new TaxiiPushCollection(CollectionId, "Partner")],
        Users = [new TaxiiPushUser("alice") { Password = "pw", Collections = ["*"] }],
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task DeliverAsync_SinkFailsTwice_RetriedWithDoublingDelayThenCompleted()
    {
        var time = new TimerWatchingTimeProvider(new FakeTimeProvider(Start));
        var sink = new RecordingSink { FailFirst = 2 };
        var works = new RecordingWorkTracker();
        var delivery = CreateDelivery(sink, works, time);
        var statusId = await PostAsync("indicator--00000000-0000-4000-8000-000000000001", "indicator--00000000-0000-4000-8000-000000000002");
        var envelope = await NextEnvelopeAsync();

        var delivering = delivery.DeliverAsync(_host.Spool, envelope, CancellationToken.None);
        await Eventually.HoldsAsync(() => works.Completed.Count == 1);
        _host.Spool.GetStatus(statusId)!.Status.Should().Be("pending", "nothing is complete before the sink acknowledged it");
        works.Completed.Single().InError.Should().BeTrue("the failed attempt's work is closed in error");

        // The clock moves only to the retry delay the code waits on: the first 10 s, then doubled.
        (await time.AdvanceToTimerAsync(delay => delay == TimeSpan.FromSeconds(10), Patience)).Should().BeTrue("the first retry waits the first delay");
        await Eventually.HoldsAsync(() => works.Completed.Count == 2);
        sink.Attempts.Should().Be(2);
        _host.Spool.GetStatus(statusId)!.Status.Should().Be("pending");
        (await time.AdvanceToTimerAsync(delay => delay == TimeSpan.FromSeconds(20), Patience)).Should().BeTrue("the delay doubles after the second failure");
        await delivering.WaitAsync(TimeSpan.FromSeconds(60));

        var status = _host.Spool.GetStatus(statusId)!;
        status.Status.Should().Be("complete");
        status.Successes.Select(s => s.Id).Should().BeEquivalentTo("indicator--00000000-0000-4000-8000-000000000001", "indicator--00000000-0000-4000-8000-000000000002");
        status.Failures.Should().BeEmpty();
        sink.ObjectIds.Should().Contain("indicator--00000000-0000-4000-8000-000000000001").And.Contain("indicator--00000000-0000-4000-8000-000000000002");
        works.Started.Should().HaveCount(3);
        works.Completed.Select(w => w.InError).Should().Equal(true, true, false);
        sink.Contexts.Should().OnlyContain(c => c.Source == "taxii_push" && c.Collection == "Partner" && c.WorkId == "work-3");
    }

    [Fact]
    public async Task DeliverAsync_Cancelled_WorkClosedInErrorAndEnvelopeLeftPending()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink { FailFirst = int.MaxValue };
        var works = new RecordingWorkTracker();
        var delivery = CreateDelivery(sink, works, time);
        var statusId = await PostAsync("indicator--00000000-0000-4000-8000-000000000003");
        var envelope = await NextEnvelopeAsync();
        using var stop = new CancellationTokenSource();

        var delivering = delivery.DeliverAsync(_host.Spool, envelope, stop.Token);
        await Eventually.HoldsAsync(() => works.Completed.Count == 1);
        await stop.CancelAsync();

        await FluentActions.Awaiting(() => delivering.WaitAsync(TimeSpan.FromSeconds(60))).Should().ThrowAsync<OperationCanceledException>();
        _host.Spool.GetStatus(statusId)!.Status.Should().Be("pending");
        works.Completed.Should().OnlyContain(w => w.InError);
        Directory.EnumerateFiles(Path.Combine(_spool, "pending"), "*.json").Should().ContainSingle("the envelope stays in the spool for the next start");
    }

    [Fact]
    public async Task DeliverAsync_SpooledFileDamaged_EveryObjectReportedFailedAndNothingPushed()
    {
        var sink = new RecordingSink();
        var works = new RecordingWorkTracker();
        var delivery = CreateDelivery(sink, works, new FakeTimeProvider());
        var statusId = await PostAsync("indicator--00000000-0000-4000-8000-000000000004", "indicator--00000000-0000-4000-8000-000000000005");
        var envelope = await NextEnvelopeAsync();
        await File.WriteAllTextAsync(Directory.EnumerateFiles(Path.Combine(_spool, "pending"), "*.json").Single(), "{ damaged");

        await delivery.DeliverAsync(_host.Spool, envelope, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var status = _host.Spool.GetStatus(statusId)!;
        status.Status.Should().Be("complete", "retrying cannot repair the file, so the partner is told instead of waiting for ever");
        status.Failures.Select(f => f.Id).Should().BeEquivalentTo("indicator--00000000-0000-4000-8000-000000000004", "indicator--00000000-0000-4000-8000-000000000005");
        status.Failures.Should().OnlyContain(f => f.Message!.Contains("send it again", StringComparison.Ordinal));
        sink.Attempts.Should().Be(0);
        works.Started.Should().BeEmpty();
    }

    [Fact]
    public async Task DeliverAsync_PlatformRefusesTheToken_FailsAtOnceWithEveryObjectFailedAndOneErrorLine()
    {
        var time = new FakeTimeProvider(Start);
        var sink = new RecordingSink
        {
            FailFirst = int.MaxValue,
            FailWith = _ => new OpenCtiHttpException("stixBundlePush", HttpStatusCode.Unauthorized, null),
        };
        var works = new RecordingWorkTracker();
        var logger = new RecordingLogger<PushEnvelopeDelivery>();
        var delivery = CreateDelivery(sink, works, time, logger: logger);
        var statusId = await PostAsync("indicator--00000000-0000-4000-8000-000000000006", "indicator--00000000-0000-4000-8000-000000000007");
        var envelope = await NextEnvelopeAsync();

        await delivery.DeliverAsync(_host.Spool, envelope, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        sink.Attempts.Should().Be(1, "a refused token does not pass by waiting: no second delivery");
        var status = _host.Spool.GetStatus(statusId)!;
        status.Status.Should().Be("complete", "the partner is told at once instead of waiting on a pending status");
        status.Failures.Select(f => f.Id).Should().BeEquivalentTo("indicator--00000000-0000-4000-8000-000000000006", "indicator--00000000-0000-4000-8000-000000000007");
        status.Successes.Should().BeEmpty();
        logger.Messages.Should().ContainSingle(m => m.Contains("was not imported after 1 attempt", StringComparison.Ordinal))
            .Which.Should().Contain("OPENCTI_TOKEN", "the line names the setting to change");
        logger.Messages.Should().NotContain(m => m.Contains("trying again", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3, 3600, "DeliveryAttempts bounds the deliveries")]
    [InlineData(50, 25, "the third delivery started 30 s after the first, past the 25 s DeliveryMaxTime, so no fourth follows")]
    public async Task DeliverAsync_PlatformDownThroughTheBounds_ThreeDeliveriesThenEveryObjectReportedFailed(int attempts, int maxTimeSeconds, string because)
    {
        var time = new TimerWatchingTimeProvider(new FakeTimeProvider(Start));
        var sink = new RecordingSink { FailFirst = int.MaxValue };
        var works = new RecordingWorkTracker();
        var delivery = CreateDelivery(sink, works, time, new PushConsumerOptions
        {
            RetryDelay = TimeSpan.FromSeconds(10),
            DeliveryAttempts = attempts,
            DeliveryMaxTime = TimeSpan.FromSeconds(maxTimeSeconds),
        });
        var statusId = await PostAsync("indicator--00000000-0000-4000-8000-000000000008");
        var envelope = await NextEnvelopeAsync();

        var delivering = delivery.DeliverAsync(_host.Spool, envelope, CancellationToken.None);
        (await time.AdvanceToTimerAsync(delay => delay == TimeSpan.FromSeconds(10), Patience)).Should().BeTrue();
        (await time.AdvanceToTimerAsync(delay => delay == TimeSpan.FromSeconds(20), Patience)).Should().BeTrue();
        await delivering.WaitAsync(TimeSpan.FromSeconds(60));

        sink.Attempts.Should().Be(3, because);
        works.Completed.Select(w => w.InError).Should().Equal(true, true, true);
        var status = _host.Spool.GetStatus(statusId)!;
        status.Status.Should().Be("complete", "at the end of the bounds the partner is told, instead of a status pending for ever");
        status.Failures.Select(f => f.Id).Should().Equal("indicator--00000000-0000-4000-8000-000000000008");
    }

    private PushEnvelopeDelivery CreateDelivery(RecordingSink sink, RecordingWorkTracker works, TimeProvider time,
        PushConsumerOptions? consumer = null, RecordingLogger<PushEnvelopeDelivery>? logger = null)
    {
        var section = new TaxiiPushOptions { Collections = [new PushCollectionSetting(CollectionId, "Partner")] };
        var pusher = new BundlePusher(sink, Options.Create(new PipelineOptions { PushAttempts = 1 }), time, NullLogger<BundlePusher>.Instance);
        return new PushEnvelopeDelivery(
            Options.Create(section),
            TransformerDefaults.ForPush(section),
            new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance),
            pusher,
            works,
            Options.Create(consumer ?? new PushConsumerOptions { RetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(1), DeliveryAttempts = 50, DeliveryMaxTime = TimeSpan.FromHours(4) }),
            time,
            NullLogger<TaxiiConnector.Stix.Transform.StixTransformer>.Instance,
            (ILogger<PushEnvelopeDelivery>?)logger ?? NullLogger<PushEnvelopeDelivery>.Instance);
    }

    private Task<string> PostAsync(params string[] ids) =>
        PushSpoolTraffic.PostIndicatorsAsync(_host, CollectionId, ids.Select(id => (id, PushSpoolTraffic.March)));

    private Task<SpooledEnvelope> NextEnvelopeAsync() => PushSpoolTraffic.NextEnvelopeAsync(_host.Spool);
}
