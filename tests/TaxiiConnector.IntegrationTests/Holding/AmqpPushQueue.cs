using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using TaxiiConnector.IntegrationTests.Observability;
using TaxiiConnector.OpenCti.Tests.Amqp;

namespace TaxiiConnector.IntegrationTests.Holding;

/// <summary>The platform's side of the push queue on the test broker: declared as OpenCTI declares it, then read back.</summary>
internal static class AmqpPushQueue
{
    public const string Exchange = "amqp.worker.exchange";
    public const string Queue = "push_" + FakeOpenCti.ConnectorId;
    public const string Routing = "push_routing_" + FakeOpenCti.ConnectorId;

    public static async Task DeclareEmptyAsync(RabbitMqNodeFixture broker)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(Queue, Exchange, Routing);
        await channel.QueuePurgeAsync(Queue);
    }

    /// <summary>Every message in publishing order: its body and the one object of its bundle.</summary>
    public static async Task<List<(JsonObject Message, JsonObject Bundle, JsonObject Object)>> DrainAsync(RabbitMqNodeFixture broker)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(JsonObject, JsonObject, JsonObject)>();
        while (await channel.BasicGetAsync(Queue, autoAck: true) is { } delivery)
        {
            var message = JsonNode.Parse(delivery.Body.Span)!.AsObject();
            var bundle = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message["content"]!.GetValue<string>())))!.AsObject();
            var objects = bundle["objects"]!.AsArray();
            objects.Should().HaveCount(1, "pycti publishes one object per message");
            messages.Add((message, bundle, objects[0]!.AsObject()));
        }

        return messages;
    }
}
