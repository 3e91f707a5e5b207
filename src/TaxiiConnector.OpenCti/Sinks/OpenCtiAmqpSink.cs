using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;
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
/// objects first); the objects the connector adds to every page (author, marking) go once per work and collection. The
/// work's expectations are added before publishing, messages flow through a sliding window of unconfirmed publishes, and
/// <see cref="PushAsync"/> returns only when the broker confirmed every message. Transient failures (lost connection,
/// nack, unroutable return) are retried by the <c>amqp-publish</c> pipeline, bounded in attempts and time; a refused
/// login or a message above the broker's size limit fails the push at once.
/// </summary>
public sealed partial class OpenCtiAmqpSink : IBundleSink, IPreparingBundleSink, IAsyncDisposable, IDisposable
{
    private static readonly BasicProperties Persistent = new()
    {
        DeliveryMode = DeliveryModes.Persistent,
        ContentEncoding = "utf-8",
    };

    private readonly ConnectorSession _session;
    private readonly IWorkTracker _works;
    private readonly OpenCtiClientOptions _options;
    private readonly ILogger<OpenCtiAmqpSink> _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly ConditionalWeakTable<StixBundle, OneObjectBundles> _prepared = [];
    private readonly SharedObjectLedger _shared = new();
    private IConnection? _connection;
    private IChannel? _channel;
    private AmqpEndpoint? _endpoint;

    public OpenCtiAmqpSink(
        ConnectorSession session,
        IWorkTracker works,
        IOptions<OpenCtiClientOptions> options,
        ResiliencePipelineProvider<string> pipelines,
        ILogger<OpenCtiAmqpSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        _session = session;
        _works = works;
        _options = options.Value;
        _pipeline = pipelines.GetPipeline(AmqpPublishPipeline.Name);
        _logger = logger;
    }

    public string Name => "amqp";

    /// <summary>Splits and encodes the bundle ahead of its push (called on the pipeline's fetch side).</summary>
    public void Prepare(StixBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.ObjectCount == 0)
        {
            return;
        }

        try
        {
            _prepared.AddOrUpdate(bundle, OneObjectBundles.Create(bundle));
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            // The push prepares it again and reports the problem where a failure belongs.
        }
    }

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
        using var pieces = TakePrepared(bundle) ?? OneObjectBundles.Create(bundle);
        var selected = _shared.Select(pieces, context);
        if (selected.Count == 0)
        {
            return;
        }

        await _works.AddExpectationsAsync(context.WorkId, selected.Count, cancellationToken).ConfigureAwait(false);
        using var messages = QueueMessageBatch.Build(pieces, selected, new QueueMessageEnvelope(registration.ApplicantId, context.WorkId));
        var confirmed = new bool[messages.Count];
        try
        {
            await _pipeline.ExecuteAsync(
                async token => await PublishUnconfirmedAsync(queue, messages, confirmed, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmqpPublishException or TimeoutRejectedException)
        {
            var unconfirmed = confirmed.Count(c => !c);
            throw new PermanentPushException(
                $"Publishing to {Describe(queue)} gave up after the retries of the amqp-publish pipeline ({_options.AmqpRetryAttempts} retries, " +
                $"{_options.AmqpPublishTimeout.TotalMinutes:0.#} min at most): {unconfirmed} of {messages.Count} messages of bundle {bundle.Id} " +
                $"not confirmed ({ex.Message}). The broker is down or refusing messages; the collection's cursor stays where it was.",
                ex);
        }

        _shared.Delivered(pieces, selected, context);
        Log.Published(_logger, bundle.Id, messages.Count, context.Collection);
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

    private OneObjectBundles? TakePrepared(StixBundle bundle) =>
        _prepared.TryGetValue(bundle, out var prepared) && _prepared.Remove(bundle) ? prepared : null;

    /// <summary>
    /// One attempt: publishes every message not yet confirmed, as fast as the channel's window of unconfirmed publishes
    /// allows, and waits for all their confirms. Throws <see cref="AmqpPublishException"/> for what is worth retrying.
    /// </summary>
    private async ValueTask PublishUnconfirmedAsync(PlatformQueueConfig queue, QueueMessageBatch messages, bool[] confirmed, CancellationToken cancellationToken)
    {
        try
        {
            var channel = await EnsureChannelAsync(queue, cancellationToken).ConfigureAwait(false);
            var pending = new Task?[messages.Count];
            for (var i = 0; i < pending.Length; i++)
            {
                if (!confirmed[i])
                {
                    pending[i] = channel.BasicPublishAsync(queue.PushExchange, queue.PushRouting, mandatory: true, Persistent, messages.Body(i), cancellationToken).AsTask();
                }
            }

            var rejected = 0;
            Exception? failure = null;
            for (var i = 0; i < pending.Length; i++)
            {
                if (pending[i] is not { } publish)
                {
                    continue;
                }

                try
                {
                    await publish.ConfigureAwait(false);
                    confirmed[i] = true;
                }
                catch (PublishException ex)
                {
                    // The broker answered: a nack, or a return because no queue is bound to the routing key.
                    rejected++;
                    Log.PublishRejected(_logger, ex.IsReturn ? "unroutable (returned)" : "nacked", queue.PushExchange, queue.PushRouting);
                }
                catch (Exception ex) when (failure is null && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    && AmqpFailure.Classify(ex) is not AmqpFailureKind.NotAmqp)
                {
                    failure = ex;
                }
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            if (rejected > 0)
            {
                throw new AmqpPublishException(
                    $"{rejected} of {pending.Count(p => p is not null)} messages were nacked or returned as unroutable (exchange {queue.PushExchange}, routing key {queue.PushRouting})");
            }
        }
        catch (Exception ex) when (ex is not (AmqpPublishException or OperationCanceledException) && AmqpFailure.Classify(ex) is var kind and not AmqpFailureKind.NotAmqp)
        {
            await ResetConnectionAsync().ConfigureAwait(false);
            throw kind switch
            {
                AmqpFailureKind.AccessRefused => new PermanentPushException(
                    $"RabbitMQ at {Describe(queue)} refused user '{_endpoint?.User ?? queue.User}' ({ex.Message}): set MQ_USER and MQ_PASS (mq.user, mq.pass) " +
                    "or fix the broker credentials the platform returns at registration.",
                    ex),
                AmqpFailureKind.MessageTooLarge => new PermanentPushException(
                    $"RabbitMQ at {Describe(queue)} refused a message of up to {messages.LargestBody} bytes as larger than its max_message_size ({ex.Message}): " +
                    "set CONNECTOR_MAX_BUNDLE_BYTES (connector.max_bundle_bytes) below the broker's limit, or raise max_message_size on the broker.",
                    ex),
                _ => new AmqpPublishException($"Publishing to {Describe(queue)} failed: {ex.Message}", ex),
            };
        }
    }

    private string Describe(PlatformQueueConfig queue) => _endpoint?.ToString() ?? $"{queue.Host}:{queue.Port}";

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
            _endpoint = endpoint;
            var factory = AmqpConnectionFactoryBuilder.Build(endpoint, _options.Mq);
            if (endpoint.UseSsl && !_options.Mq.SslRejectUnauthorized)
            {
                Log.TlsNotVerified(_logger, endpoint.ToString());
            }

            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);

            // A plain window: a confirm frees a slot for the next publish at once (the library's default limiter also adds
            // delays past half its window).
            var window = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = _options.AmqpMaxInFlight,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                    outstandingPublisherConfirmationsRateLimiter: window),
                cancellationToken).ConfigureAwait(false);
            Log.Connected(_logger, endpoint.ToString(), queue.PushExchange, queue.PushRouting);
            return _channel;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && AmqpFailure.Classify(ex) is not AmqpFailureKind.NotAmqp)
        {
            await ResetConnectionCoreAsync().ConfigureAwait(false);
            throw;
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

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.AmqpConnected, EventName = nameof(LogEventIds.AmqpConnected), Level = LogLevel.Information,
            Message = "Connected to {Endpoint}, publishing to exchange {Exchange} with routing key {RoutingKey}")]
        public static partial void Connected(ILogger logger, string endpoint, string exchange, string routingKey);

        [LoggerMessage(EventId = LogEventIds.AmqpPublishRejected, EventName = nameof(LogEventIds.AmqpPublishRejected), Level = LogLevel.Debug,
            Message = "A message was {Outcome} on exchange {Exchange}, routing key {RoutingKey}")]
        public static partial void PublishRejected(ILogger logger, string outcome, string exchange, string routingKey);

        [LoggerMessage(EventId = LogEventIds.AmqpBundlePublished, EventName = nameof(LogEventIds.AmqpBundlePublished), Level = LogLevel.Debug,
            Message = "Bundle {BundleId} published as {Messages} confirmed messages from {Collection}")]
        public static partial void Published(ILogger logger, string bundleId, int messages, string collection);

        [LoggerMessage(EventId = LogEventIds.AmqpTlsNotVerified, EventName = nameof(LogEventIds.AmqpTlsNotVerified), Level = LogLevel.Warning,
            Message = "TLS to {Endpoint} is not verified (MQ_USE_SSL_REJECT_UNAUTHORIZED=false, pycti's default); set it to true with MQ_USE_SSL_CA")]
        public static partial void TlsNotVerified(ILogger logger, string endpoint);
    }
}

/// <summary>A transient broker failure of one publishing attempt (lost connection, nack, unroutable return): worth a retry.</summary>
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
