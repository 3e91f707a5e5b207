using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RabbitMQ.Client;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Tests.Sinks;
using TaxiiConnector.Testing;

namespace TaxiiConnector.OpenCti.Tests.Amqp;

/// <summary>The AMQP sink against a real RabbitMQ node, with the exchange and queue declared as the platform declares them.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class OpenCtiAmqpSinkIntegrationTests : IAsyncLifetime
{
    private const string PushExchange = "amqp.worker.exchange";
    private const int RetryEventId = 5171;

    private readonly RabbitMqNodeFixture _node;
    private readonly FakeOpenCtiPlatform _platform = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N");
    private IConnection _consumerConnection = null!;
    private IChannel _consumer = null!;

    public OpenCtiAmqpSinkIntegrationTests(RabbitMqNodeFixture node)
    {
        _node = node;
    }

    private string PushQueue => "push_" + _suffix;

    private string PushRouting => "push_routing_" + _suffix;

    public async Task InitializeAsync()
    {
        _platform.RespondData(FakeOpenCtiPlatform.Register, FakeOpenCtiPlatform.RegistrationJson(null, pushRouting: PushRouting), priority: 1);
        _consumerConnection = await _node.ConnectAsync();
        _consumer = await _consumerConnection.CreateChannelAsync();
        await _consumer.ExchangeDeclareAsync(PushExchange, ExchangeType.Direct, durable: true);
    }

    public async Task DisposeAsync()
    {
        if (_consumer.IsOpen)
        {
            await _consumer.QueueDeleteAsync(PushQueue);
        }

        await _consumer.DisposeAsync();
        await _consumerConnection.DisposeAsync();
        _platform.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PushAsync_PlatformQueue_PublishesPyctiBodyPersistentConfirmedInDependencyOrder(bool preparedAhead)
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices();
        var sink = services.GetRequiredService<IBundleSink>();
        using var bundle = Bundles.Sample();
        if (preparedAhead)
        {
            ((IPreparingBundleSink)sink).Prepare(bundle);
        }

        await sink.PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);

        var messages = await GetAllAsync(expected: 4);
        var objects = new[] { Bundles.Identity, Bundles.Indicator, Bundles.Malware, Bundles.Relationship };
        var sequences = new[] { 1, 2, 2, 6 };
        for (var i = 0; i < 4; i++)
        {
            var content = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $$"""{"type":"bundle","id":"{{Bundles.BundleId}}","spec_version":"2.1","x_opencti_seq":{{sequences[i]}},"objects":[{{objects[i]}}]}"""));
            var expected =
                $$"""{"bundle_type":"QUEUE_BUNDLE","applicant_id":"{{FakeOpenCtiPlatform.ApplicantId}}","action_sequence":{{i + 1}},"entities_types":[],"content":"{{content}}","update":false,"draft_id":null,"work_id":"work-1"}""";
            Encoding.UTF8.GetString(messages[i].Body.Span).Should().Be(expected);
            messages[i].BasicProperties.DeliveryMode.Should().Be(DeliveryModes.Persistent);
            messages[i].BasicProperties.Persistent.Should().BeTrue();
            messages[i].BasicProperties.ContentEncoding.Should().Be("utf-8");
            messages[i].Exchange.Should().Be(PushExchange);
            messages[i].RoutingKey.Should().Be(PushRouting);
        }

        var expectations = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.AddExpectations).Single());
        expectations.GetProperty("expectations").GetInt32().Should().Be(4, "one expectation per message, added before publishing");
        _logs.Count(RetryEventId).Should().Be(0);
    }

    [Fact]
    public async Task PushAsync_NoWork_OmitsWorkId()
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices();
        using var bundle = Bundles.Create(Bundles.Identity);

        await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext(null, "taxii2", "c1"), CancellationToken.None);

        using var body = JsonDocument.Parse((await GetAllAsync(expected: 1))[0].Body);
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(
            "bundle_type", "applicant_id", "action_sequence", "entities_types", "content", "update", "draft_id");
        _platform.Requests(FakeOpenCtiPlatform.AddExpectations).Should().BeEmpty();
    }

    [Fact]
    public async Task PushAsync_Unroutable_KeepsRetryingUntilTheQueueExistsThenDeliversEachMessageOnce()
    {
        await using var services = BuildServices();
        var sink = services.GetRequiredService<IBundleSink>();
        using var bundle = Bundles.Sample();

        var push = sink.PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None).AsTask();
        await _logs.WaitForAsync(RetryEventId, 2);
        push.IsCompleted.Should().BeFalse("returned (unroutable) messages are not acknowledged");
        await DeclarePushQueueAsync();
        await push.WaitAsync(TimeSpan.FromMinutes(2));

        var messages = await GetAllAsync(expected: 4);
        messages.Select(m => ActionSequence(m)).Should().Equal(1, 2, 3, 4);
        _logs.Events.Should().Contain(e => e.Message.Contains("unroutable", StringComparison.Ordinal) || e.Id.Id == RetryEventId);
    }

    [Fact]
    public async Task PushAsync_BrokerStoppedMidRun_NothingAcknowledgedStateKeptThenResumes()
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices();
        var sink = services.GetRequiredService<IBundleSink>();
        using var output = new TempDirectory();
        using var state = new FileStateStore(Path.Combine(output.Path, "state.json"));
        await state.LoadAsync(CancellationToken.None);

        using (var page1 = Bundles.Create(Bundles.Identity))
        {
            await sink.PushAsync(page1, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);
            await state.CommitAsync("k", "cursor-1", CancellationToken.None);
        }

        await _node.StopBrokerAsync();
        try
        {
            using var page2 = Bundles.Create(Bundles.Indicator, Bundles.Malware);
            using var cancel = new CancellationTokenSource();
            var push = RunPageAsync(sink, page2, state, "cursor-2", cancel.Token);
            await _logs.WaitForAsync(RetryEventId, 2);
            push.IsCompleted.Should().BeFalse("nothing is acknowledged while the broker is down");
            await cancel.CancelAsync();
            await FluentActions.Awaiting(() => push).Should().ThrowAsync<OperationCanceledException>();
            state.GetCursor("k").Should().Be("cursor-1");
        }
        finally
        {
            await _node.StartBrokerAsync();
        }

        using (var retry = Bundles.Create(Bundles.Indicator, Bundles.Malware))
        {
            await RunPageAsync(sink, retry, state, "cursor-2", CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        }

        state.GetCursor("k").Should().Be("cursor-2");
        var consumerAfterRestart = await _node.ConnectAsync();
        await using (consumerAfterRestart)
        {
            _consumer = await consumerAfterRestart.CreateChannelAsync();
            var messages = await GetAllAsync(expected: 3);
            messages.Select(m => ObjectType(m)).Should().Equal("identity", "indicator", "malware");
        }
    }

    [Fact]
    public async Task PushAsync_AuthorOnEveryPage_PublishedOncePerWorkAndCollection()
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices();
        var sink = services.GetRequiredService<IBundleSink>();
        var work1 = new PushContext("work-1", "taxii2", "c1");

        using (var page1 = WithAuthor(Bundles.Identity, Bundles.Malware))
        {
            await sink.PushAsync(page1, work1, CancellationToken.None);
        }

        using (var page2 = WithAuthor(Bundles.Identity, Bundles.Indicator))
        {
            await sink.PushAsync(page2, work1, CancellationToken.None);
        }

        using (var otherCollection = WithAuthor(Bundles.Identity, Bundles.Relationship))
        {
            await sink.PushAsync(otherCollection, work1 with { Collection = "c2" }, CancellationToken.None);
        }

        using (var nextWork = WithAuthor(Bundles.Identity, Bundles.Malware))
        {
            await sink.PushAsync(nextWork, work1 with { WorkId = "work-2" }, CancellationToken.None);
        }

        var messages = await GetAllAsync(expected: 7);
        messages.Select(ObjectType).Should().Equal("identity", "malware", "indicator", "identity", "relationship", "identity", "malware");
        _platform.Requests(FakeOpenCtiPlatform.AddExpectations).Select(r => FakeOpenCtiPlatform.Variables(r).GetProperty("expectations").GetInt32())
            .Should().Equal(2, 1, 2, 2);
    }

    [Fact]
    public async Task PushAsync_RefusedLogin_FailsAtOnceWithOneClearLineAndNoRetry()
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices(o => o.Mq.Pass = "not-the-password");
        using var bundle = Bundles.Create(Bundles.Identity);

        var push = () => services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None).AsTask();

        var failure = (await push.Should().ThrowAsync<PermanentPushException>()).Which;
        failure.Message.Should().Contain("refused user 'guest'").And.Contain("MQ_USER").And.Contain("MQ_PASS").And.NotContain("not-the-password");
        failure.Message.Should().NotContain("\n");
        _logs.Count(RetryEventId).Should().Be(0, "a refused login is not retried");
    }

    [Fact]
    public async Task PushAsync_MessageAboveBrokerMaxSize_FailsAtOnceAsPermanent()
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices();
        var large = Bundles.Malware.Replace("Poison Ivy", new string('x', RabbitMqNodeFixture.MaxMessageSize), StringComparison.Ordinal);
        using var bundle = Bundles.Create(large);

        var push = () => services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None).AsTask();

        var failure = (await push.Should().ThrowAsync<PermanentPushException>()).Which;
        failure.Message.Should().Contain("max_message_size").And.Contain("CONNECTOR_MAX_BUNDLE_BYTES");
        _logs.Count(RetryEventId).Should().Be(0, "a message the broker refuses for its size never fits");
    }

    [Fact]
    public async Task PushAsync_UnroutableForEver_GivesUpAfterTheConfiguredRetries()
    {
        await using var services = BuildServices(o => o.AmqpRetryAttempts = 2);
        using var bundle = Bundles.Create(Bundles.Identity);

        var push = () => services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None).AsTask();

        var failure = (await push.Should().ThrowAsync<PermanentPushException>()).Which;
        failure.Message.Should().Contain("gave up").And.Contain("unroutable");
        _logs.Count(RetryEventId).Should().Be(2);
    }

    [Fact]
    public async Task PushAsync_WindowOfOne_StillConfirmsEveryMessage()
    {
        await DeclarePushQueueAsync();
        await using var services = BuildServices(o => o.AmqpMaxInFlight = 1);
        using var bundle = Bundles.Sample();

        await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);

        (await GetAllAsync(expected: 4)).Select(ActionSequence).Should().Equal(1, 2, 3, 4);
    }

    private static TaxiiConnector.Stix.Bundles.StixBundle WithAuthor(string author, string other)
    {
        using var plain = Bundles.Create(author, other);
        return new TaxiiConnector.Stix.Bundles.StixBundle(plain.Id, plain.Json.ToArray(), plain.ObjectCount, plain.EntityTypes) { SharedObjectCount = 1 };
    }

    private static async Task RunPageAsync(IBundleSink sink, TaxiiConnector.Stix.Bundles.StixBundle page, IStateStore state, string cursor, CancellationToken cancellationToken)
    {
        // What the pipeline does: the cursor is committed only after the sink returned.
        await sink.PushAsync(page, new PushContext("work-1", "taxii2", "c1"), cancellationToken);
        await state.CommitAsync("k", cursor, cancellationToken);
    }

    private ServiceProvider BuildServices(Action<OpenCtiClientOptions>? tweak = null) => _platform.BuildServices(
        o =>
        {
            o.QueueProtocol = QueueProtocol.Amqp;
            o.Mq.Host = "127.0.0.1";
            o.Mq.Port = _node.Port;
            o.AmqpRetryBaseDelay = TimeSpan.FromMilliseconds(100);
            o.AmqpMaxRetryDelay = TimeSpan.FromSeconds(1);
            tweak?.Invoke(o);
        },
        time: TimeProvider.System,
        more: services => services.AddLogging(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug)));

    private async Task DeclarePushQueueAsync()
    {
        await _consumer.QueueDeclareAsync(PushQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" });
        await _consumer.QueueBindAsync(PushQueue, PushExchange, PushRouting);
    }

    private async Task<List<BasicGetResult>> GetAllAsync(int expected)
    {
        var messages = new List<BasicGetResult>();
        await Eventually.HoldsAsync(
            async () =>
            {
                while (messages.Count < expected && await _consumer.BasicGetAsync(PushQueue, autoAck: true) is { } message)
                {
                    messages.Add(message);
                }

                return messages.Count >= expected;
            },
            $"{expected} messages are in the push queue");

        messages.Should().HaveCount(expected);
        (await _consumer.BasicGetAsync(PushQueue, autoAck: true)).Should().BeNull("no message was published twice");
        return messages;
    }

    private static int ActionSequence(BasicGetResult message)
    {
        using var body = JsonDocument.Parse(message.Body);
        return body.RootElement.GetProperty("action_sequence").GetInt32();
    }

    private static string ObjectType(BasicGetResult message)
    {
        using var body = JsonDocument.Parse(message.Body);
        using var bundle = JsonDocument.Parse(Convert.FromBase64String(body.RootElement.GetProperty("content").GetString()!));
        return bundle.RootElement.GetProperty("objects")[0].GetProperty("type").GetString()!;
    }
}
