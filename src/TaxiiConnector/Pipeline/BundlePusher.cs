using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Logging;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Pushes one bundle and waits for the sink's acknowledgement, retrying a failing sink with a doubling delay. A sink
/// that is still failing after the last attempt fails the collection, whose cursor then stays where it was.
/// </summary>
internal sealed class BundlePusher
{
    private readonly IBundleSink _sink;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BundlePusher> _logger;
    private readonly PipelineEvents _events;

    public BundlePusher(IBundleSink sink, IOptions<PipelineOptions> options, TimeProvider timeProvider, ILogger<BundlePusher> logger,
        PipelineEvents? events = null)
    {
        _events = events ?? PipelineEvents.None;
        _sink = sink;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        var delay = _options.PushRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _sink.PushAsync(bundle, context, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < _options.PushAttempts && !IsCallerCancellation(ex, cancellationToken) && !NeedsOperator(ex))
            {
                Log.PushRetrying(_logger, _sink.Name, context.Source, context.Collection, attempt, _options.PushAttempts, delay.TotalSeconds, ex.Message);
                _events.PushRetried(context.Source, context.Collection);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.PushRetryMaxDelay.Ticks));
        }
    }

    /// <summary>Lets the sink do ahead of the push whatever it can (see <see cref="IPreparingBundleSink"/>).</summary>
    public void Prepare(IReadOnlyList<StixBundle> bundles)
    {
        if (_sink is IPreparingBundleSink preparing)
        {
            foreach (var bundle in bundles)
            {
                preparing.Prepare(bundle);
            }
        }
    }

    /// <summary>Refused credentials do not fix themselves: such a failure is not retried.</summary>
    private static bool NeedsOperator(Exception ex) => FailureExplainer.Classify(ex) is FailureKind.Authentication or FailureKind.Configuration;

    // A sink's permanent failure (or one its own retries already gave up on) is not retried a second time here.
    private static bool IsCallerCancellation(Exception ex, CancellationToken cancellationToken) =>
        (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) || ex is PermanentPushException;
}
