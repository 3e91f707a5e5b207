using System.Diagnostics;
using System.Threading.RateLimiting;
using RabbitMQ.Client;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// The connector's push queue on the benchmark's broker, declared as the platform declares it at registration (a durable
/// direct exchange <c>amqp.worker.exchange</c>, a durable classic queue <c>push_&lt;id&gt;</c> bound with
/// <c>push_routing_&lt;id&gt;</c>), and the broker's own ceiling for it.
/// </summary>
internal sealed class PushQueue : IAsyncDisposable
{
    public const string Exchange = "amqp.worker.exchange";

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private PushQueue(IConnection connection, IChannel channel, string connectorId)
    {
        _connection = connection;
        _channel = channel;
        Name = "push_" + connectorId;
        RoutingKey = "push_routing_" + connectorId;
    }

    public string Name { get; }

    public string RoutingKey { get; }

    public static async Task<PushQueue> DeclareAsync(int port, string connectorId, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = port, UserName = "guest", Password = "guest", ClientProvidedName = "bench-admin" };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = new PushQueue(connection, channel, connectorId);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.Name, Exchange, queue.RoutingKey, cancellationToken: cancellationToken);
        return queue;
    }

    public async Task<uint> CountAsync(CancellationToken cancellationToken) =>
        (await _channel.QueueDeclarePassiveAsync(Name, cancellationToken)).MessageCount;

    public Task PurgeAsync(CancellationToken cancellationToken) => _channel.QueuePurgeAsync(Name, cancellationToken);

    /// <summary>Takes up to <paramref name="count"/> message bodies off the queue (what the connector published).</summary>
    public async Task<List<byte[]>> TakeBodiesAsync(int count, CancellationToken cancellationToken)
    {
        var bodies = new List<byte[]>(count);
        while (bodies.Count < count && await _channel.BasicGetAsync(Name, autoAck: true, cancellationToken) is { } message)
        {
            bodies.Add(message.Body.ToArray());
        }

        return bodies;
    }

    /// <summary>
    /// The broker's ceiling for this queue: <paramref name="messages"/> pre-built persistent bodies published with
    /// publisher confirms through a sliding window of <paramref name="window"/> unconfirmed messages, on one channel, as
    /// fast as the broker confirms them. Messages per second; the queue is purged afterwards.
    /// </summary>
    public async Task<double> MeasureCeilingAsync(int port, IReadOnlyList<byte[]> bodies, int messages, int window, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = port, UserName = "guest", Password = "guest", ClientProvidedName = "bench-ceiling" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = window,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                outstandingPublisherConfirmationsRateLimiter: limiter), cancellationToken);
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentEncoding = "utf-8" };
        var started = Stopwatch.GetTimestamp();
        const int Chunk = 4096;
        Task? previous = null;
        for (var first = 0; first < messages; first += Chunk)
        {
            var tasks = new Task[Math.Min(Chunk, messages - first)];
            for (var i = 0; i < tasks.Length; i++)
            {
                tasks[i] = channel.BasicPublishAsync(Exchange, RoutingKey, mandatory: true, properties, bodies[(first + i) % bodies.Count], cancellationToken).AsTask();
            }

            // Chunks only bound the number of task objects: this chunk is queued behind the window before the previous
            // one's last confirms are awaited, so the window never drains between chunks.
            if (previous is not null)
            {
                await previous;
            }

            previous = Task.WhenAll(tasks);
        }

        if (previous is not null)
        {
            await previous;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await PurgeAsync(cancellationToken);
        return messages / seconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
