using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TaxiiConnector.OpenCti.Amqp;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.Sinks.Splitting;
using TaxiiConnector.OpenCti.Works;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// <c>CONNECTOR_QUEUE_PROTOCOL=amqp</c>: publishes to the platform's push queue as pycti does, over one long-lived
/// connection and channel with publisher confirms. Each object becomes its own message (pycti's splitter: referenced
/// objects first), the work's expectations are added before publishing, and <see cref="PushAsync"/> returns only when the
/// broker confirmed every message. Nacks, unroutable returns and lost connections are retried with back-off until they
/// succeed or the caller cancels; nothing is dropped.
/// </summary>
public sealed partial class OpenCtiAmqpSink : IBundleSink, IAsyncDisposable, IDisposable
{
    private readonly ConnectorSession _session;
    private readonly IWorkTracker _works;
    private readonly OpenCtiClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OpenCtiAmqpSink> _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public OpenCtiAmqpSink(
        ConnectorSession session,
        IWorkTracker works,
        IOptions<OpenCtiClientOptions> options,
        TimeProvider timeProvider,
        ILogger<OpenCtiAmqpSink> logger)
    {
        _session = session;
        _works = works;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string Name => "amqp";

    public async ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(context);
        if (bundle.ObjectCount == 0)
        {
            return;
        }

        var registration = await _session.EnsureRegisteredAsync(cancellationToken).ConfigureAwait(false);
        var queue = registration.Queue ?? throw new InvalidOperationException("OpenCTI registration returned no queue configuration (config.connection).");
        var pieces = BundleSplitter.SplitPerObject(bundle);
        if (pieces.Count == 0)
        {
            return;
        }

        await _works.AddExpectationsAsync(context.WorkId, pieces.Count, cancellationToken).ConfigureAwait(false);
        var messages = new byte[pieces.Count][];
        for (var i = 0; i < pieces.Count; i++)
        {
            messages[i] = QueueMessage.Write(pieces[i], registration.ApplicantId, i + 1, context.WorkId);
        }

        var confirmed = new bool[messages.Length];
        var remaining = messages.Length;
        for (var attempt = 0; remaining > 0; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var channel = await EnsureChannelAsync(queue, cancellationToken).ConfigureAwait(false);
                remaining = await PublishAsync(channel, queue, messages, confirmed, cancellationToken).ConfigureAwait(false);
                if (remaining == 0)
                {
                    break;
                }

                Log.NotConfirmed(_logger, remaining, bundle.Id, "nacked or returned as unroutable");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                remaining = confirmed.Count(c => !c);
                Log.NotConfirmed(_logger, remaining, bundle.Id, ex.Message);
                await ResetConnectionAsync().ConfigureAwait(false);
            }

            await Task.Delay(Backoff(attempt), _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        Log.Published(_logger, bundle.Id, messages.Length, context.Collection);
    }

    public async ValueTask DisposeAsync()
    {
        await ResetConnectionAsync().ConfigureAwait(false);
        _connectGate.Dispose();
    }

    public void Dispose()
    {
        // Synchronous containers: close without waiting for the broker's close handshake.
        Interlocked.Exchange(ref _channel, null)?.Dispose();
        Interlocked.Exchange(ref _connection, null)?.Dispose();
        _connectGate.Dispose();
    }

    /// <summary>Publishes every message not yet confirmed, a window at a time; returns how many are still unconfirmed.</summary>
    private async Task<int> PublishAsync(IChannel channel, PlatformQueueConfig queue, byte[][] messages, bool[] confirmed, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            DeliveryMode = DeliveryModes.Persistent,
            ContentEncoding = "utf-8",
        };
        var window = new List<(int Index, Task Publish)>(_options.AmqpMaxInFlight);
        Exception? connectionFailure = null;
        for (var start = 0; start < messages.Length && connectionFailure is null; start += _options.AmqpMaxInFlight)
        {
            window.Clear();
            var end = Math.Min(messages.Length, start + _options.AmqpMaxInFlight);
            for (var i = start; i < end; i++)
            {
                if (!confirmed[i])
                {
                    window.Add((i, channel.BasicPublishAsync(queue.PushExchange, queue.PushRouting, mandatory: true, properties, messages[i], cancellationToken).AsTask()));
                }
            }

            foreach (var (index, publish) in window)
            {
                try
                {
                    await publish.ConfigureAwait(false);
                    confirmed[index] = true;
                }
                catch (PublishException ex)
                {
                    // The broker answered: a nack, or a return because no queue is bound to the routing key.
                    Log.PublishRejected(_logger, ex.IsReturn ? "unroutable (returned)" : "nacked", queue.PushExchange, queue.PushRouting);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    connectionFailure ??= ex;
                }
            }
        }

        if (connectionFailure is not null)
        {
            throw new AmqpPublishException($"Publishing to {queue} failed: {connectionFailure.Message}", connectionFailure);
        }

        return confirmed.Count(c => !c);
    }

    private async ValueTask<IChannel> EnsureChannelAsync(PlatformQueueConfig queue, CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_channel is { IsOpen: true } opened)
            {
                return opened;
            }

            await ResetConnectionCoreAsync().ConfigureAwait(false);
            var endpoint = AmqpConnectionFactoryBuilder.Resolve(queue, _options.Mq);
            var factory = AmqpConnectionFactoryBuilder.Build(endpoint, _options.Mq);
            if (endpoint.UseSsl && !_options.Mq.SslRejectUnauthorized)
            {
                Log.TlsNotVerified(_logger, endpoint.ToString());
            }

            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken).ConfigureAwait(false);
            Log.Connected(_logger, endpoint.ToString(), queue.PushExchange, queue.PushRouting);
            return _channel;
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or System.Net.Sockets.SocketException or IOException)
        {
            await ResetConnectionCoreAsync().ConfigureAwait(false);
            throw new AmqpPublishException($"Cannot connect to the broker for {queue}: {ex.Message}", ex);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task ResetConnectionAsync()
    {
        await _connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await ResetConnectionCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task ResetConnectionCoreAsync()
    {
        var channel = Interlocked.Exchange(ref _channel, null);
        var connection = Interlocked.Exchange(ref _connection, null);
        if (channel is not null)
        {
            try
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException)
            {
            }
        }

        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.AmqpRetryBaseDelay.Ticks * factor, _options.AmqpMaxRetryDelay.Ticks));

        // Jitter keeps several connectors from hammering a recovering broker in step.
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5170, EventName = "AmqpConnected", Level = LogLevel.Information,
            Message = "Connected to {Endpoint}, publishing to exchange {Exchange} with routing key {RoutingKey}")]
        public static partial void Connected(ILogger logger, string endpoint, string exchange, string routingKey);

        [LoggerMessage(EventId = 5171, EventName = "AmqpNotConfirmed", Level = LogLevel.Warning,
            Message = "{Remaining} messages of bundle {BundleId} not confirmed by the broker ({Reason}); retrying with back-off")]
        public static partial void NotConfirmed(ILogger logger, int remaining, string bundleId, string reason);

        [LoggerMessage(EventId = 5172, EventName = "AmqpPublishRejected", Level = LogLevel.Debug,
            Message = "A message was {Outcome} on exchange {Exchange}, routing key {RoutingKey}")]
        public static partial void PublishRejected(ILogger logger, string outcome, string exchange, string routingKey);

        [LoggerMessage(EventId = 5173, EventName = "AmqpBundlePublished", Level = LogLevel.Debug,
            Message = "Bundle {BundleId} published as {Messages} confirmed messages from {Collection}")]
        public static partial void Published(ILogger logger, string bundleId, int messages, string collection);

        [LoggerMessage(EventId = 5174, EventName = "AmqpTlsNotVerified", Level = LogLevel.Warning,
            Message = "TLS to {Endpoint} is not verified (MQ_USE_SSL_REJECT_UNAUTHORIZED=false, pycti's default); set it to true with MQ_USE_SSL_CA")]
        public static partial void TlsNotVerified(ILogger logger, string endpoint);
    }
}

/// <summary>The broker could not be reached or the connection broke while publishing.</summary>
public sealed class AmqpPublishException : Exception
{
    public AmqpPublishException()
    {
    }

    public AmqpPublishException(string message)
        : base(message)
    {
    }

    public AmqpPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
