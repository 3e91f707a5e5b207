using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Starts the push endpoint (<see cref="TaxiiPushHost"/>) with the application and stops it on shutdown. Registered before
/// the <see cref="TaxiiPushConsumer"/>, so it listens (and its spool is open) before the consumer starts, and stops after it.
/// </summary>
internal sealed class TaxiiPushEndpoint : IHostedService, IAsyncDisposable
{
    private readonly IOptions<TaxiiPushHostOptions> _options;
    private readonly ILogger<TaxiiPushEndpoint> _logger;
    private readonly TaskCompletionSource<TaxiiPushHost> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaxiiPushHost? _host;

    public TaxiiPushEndpoint(IOptions<TaxiiPushHostOptions> options, ILogger<TaxiiPushEndpoint> logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>The running endpoint; completes once <see cref="StartAsync"/> has bound the port and opened the spool.</summary>
    public Task<TaxiiPushHost> Started => _started.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        TaxiiPushHostOptions options;
        try
        {
            // The options (and the TLS certificate they load) are read here, so a failure fails the start like any other.
            options = _options.Value;
            _host = await TaxiiPushHost.StartAsync(options, cancellationToken);
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            throw;
        }

        Log.EndpointListening(_logger, _host.DiscoveryUrl, _host.ApiRootUrl, options.Collections.Count, options.Users.Count, _host.Spool.PendingCount);
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
