using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Drains the push spool in arrival order (envelopes left from before a restart first), delivering each envelope before
/// the next. Stopping the host cancels the delivery in progress; its envelope stays in the spool for the next start.
/// </summary>
internal sealed class TaxiiPushConsumer : BackgroundService
{
    private readonly TaxiiPushEndpoint _endpoint;
    private readonly PushEnvelopeDelivery _delivery;
    private readonly ILogger<TaxiiPushConsumer> _logger;

    public TaxiiPushConsumer(TaxiiPushEndpoint endpoint, PushEnvelopeDelivery delivery, ILogger<TaxiiPushConsumer> logger)
    {
        _endpoint = endpoint;
        _delivery = delivery;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var host = await _endpoint.Started.WaitAsync(stoppingToken);
            await foreach (var envelope in host.Spool.ReadPendingAsync(stoppingToken))
            {
                await _delivery.DeliverAsync(host.Spool, envelope, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.ConsumerStopped(_logger);
        }
    }
}
