using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Observability;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Starts the push endpoint (<see cref="TaxiiPushHost"/>) with the application and stops it on shutdown. Registered before
/// the <see cref="TaxiiPushConsumer"/>, so it listens (and its spool is open) before the consumer starts, and stops after it.
/// </summary>
internal sealed class TaxiiPushEndpoint : IHostedService, IAsyncDisposable
{
    private readonly TaxiiPushOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TaxiiPushEndpoint> _logger;
    private readonly ConnectorMetrics? _metrics;
    private readonly TaskCompletionSource<TaxiiPushHost> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaxiiPushHost? _host;

    public TaxiiPushEndpoint(IOptions<TaxiiPushOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider, ConnectorMetrics? metrics = null)
    {
        _metrics = metrics;
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<TaxiiPushEndpoint>();
    }

    /// <summary>The running endpoint; completes once <see cref="StartAsync"/> has bound the port and opened the spool.</summary>
    public Task<TaxiiPushHost> Started => _started.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _host = await TaxiiPushHost.StartAsync(PushServerSettings.Create(_options, _loggerFactory, _timeProvider, _metrics is null ? null : _metrics.PushEnvelope), cancellationToken);
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            throw;
        }

        Log.EndpointListening(_logger, _host.DiscoveryUrl, _host.ApiRootUrl, _options.Collections.Count, _options.Users.Count, _host.Spool.PendingCount);
        _started.TrySetResult(_host);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _started.TrySetCanceled(CancellationToken.None);
        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
