using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Tests.Sinks;
using TaxiiConnector.Testing;

namespace TaxiiConnector.OpenCti.Tests.Amqp;

/// <summary>
/// A work completes when its processed count reaches its expected count. <c>addExpectations</c> applied by the platform
/// but answered with a 502 must be neither sent again (the work would expect more messages than it gets and stay in
/// progress forever) nor stop the bundle (pycti's <c>add_expectations</c> logs "Cannot report expectation" and
/// publishes): the expected count the platform recorded equals the messages published.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class AmqpExpectationsApplyThenFailTests : IAsyncLifetime
{
    private const string PushExchange = "amqp.worker.exchange";

    private readonly RabbitMqNodeFixture _node;
    private readonly FakeOpenCtiPlatform _platform = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N");
    private IConnection _consumerConnection = null!;
    private IChannel _consumer = null!;

    public AmqpExpectationsApplyThenFailTests(RabbitMqNodeFixture node)
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
        await _consumer.QueueDeclareAsync(PushQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" });
        await _consumer.QueueBindAsync(PushQueue, PushExchange, PushRouting);
    }

    public async Task DisposeAsync()
    {
        await _consumer.QueueDeleteAsync(PushQueue);
        await _consumer.DisposeAsync();
        await _consumerConnection.DisposeAsync();
        _platform.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task PushAsync_AddExpectationsAppliedThen502_PublishesEveryMessageAndExpectedEqualsPublished()
    {
        _platform.ApplyThenBadGateway(FakeOpenCtiPlatform.AddExpectations);
        await using var services = _platform.BuildServices(
            o =>
            {
                o.QueueProtocol = QueueProtocol.Amqp;
                o.Mq.Host = "127.0.0.1";
                o.Mq.Port = _node.Port;
                o.MaxRetryAttempts = 3;
            },
            time: TimeProvider.System,
            more: s => s.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug)));
        using var bundle = Bundles.Sample();

        await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);

        var published = await CountPublishedAsync(atLeast: 4);
        var recorded = _platform.Requests(FakeOpenCtiPlatform.AddExpectations)
            .Sum(r => FakeOpenCtiPlatform.Variables(r).GetProperty("expectations").GetInt32());
        published.Should().Be(4);
        recorded.Should().Be(published);
        _platform.Requests(FakeOpenCtiPlatform.AddExpectations).Should().HaveCount(1);
        _logs.Events.Where(e => e.Level >= LogLevel.Warning && e.Message.Contains("addExpectations", StringComparison.Ordinal))
            .Should().ContainSingle();
    }

    private async Task<int> CountPublishedAsync(int atLeast)
    {
        var count = 0;
        await Eventually.HoldsAsync(
            async () =>
            {
                while (count < atLeast && await _consumer.BasicGetAsync(PushQueue, autoAck: true) is not null)
                {
                    count++;
                }

                return count >= atLeast;
            },
            $"{atLeast} messages are in the push queue");

        while (await _consumer.BasicGetAsync(PushQueue, autoAck: true) is not null)
        {
            count++;
        }

        return count;
    }
}
