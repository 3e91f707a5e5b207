using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Pushes one bundle and waits for the sink's acknowledgement. A bundle the sink reports as not delivered
/// (<see cref="BundleNotDeliveredException"/>: nothing reached the platform, and the sink did not retry it) is pushed
/// again by the <see cref="PipelineName"/> pipeline, with a doubling delay on the <see cref="TimeProvider"/>, within
/// <see cref="PipelineOptions.PushAttempts"/> and <see cref="PipelineOptions.PushRetryTotalTime"/>. Any other failure is
/// final at once: the sinks and their transports retry what they know is safe to repeat, and a second layer would send a
/// bundle the platform may already have queued. A failed push fails the collection, whose cursor then stays where it was.
/// </summary>
internal sealed class BundlePusher
{
    /// <summary>The name of the retry pipeline (in Polly's telemetry).</summary>
    public const string PipelineName = "bundle-push";

    private static readonly ResiliencePropertyKey<PushContext> PushKey = new("TaxiiConnector.Push");
    private static readonly ResiliencePropertyKey<long> StartedKey = new("TaxiiConnector.PushStarted");
    private static readonly ResiliencePropertyKey<StrongBox<int>> RetriesKey = new("TaxiiConnector.PushRetries");

    private readonly IBundleSink _sink;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BundlePusher> _logger;
    private readonly PipelineEvents _events;
    private readonly ResiliencePipeline _pipeline;

    public BundlePusher(IBundleSink sink, IOptions<PipelineOptions> options, TimeProvider timeProvider, ILogger<BundlePusher> logger,
        PipelineEvents? events = null)
    {
        _events = events ?? PipelineEvents.None;
        _sink = sink;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _pipeline = BuildPipeline();
    }

    /// <summary>Pushes until acknowledged; returns how many attempts the sink refused first (the retries).</summary>
    public async Task<int> PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            resilience.Properties.Set(PushKey, context);
            resilience.Properties.Set(StartedKey, _timeProvider.GetTimestamp());
            var retries = new StrongBox<int>();
            resilience.Properties.Set(RetriesKey, retries);
            await _pipeline.ExecuteAsync(
                static async (resilience, state) => await state.Sink.PushAsync(state.Bundle, state.Context, resilience.CancellationToken),
                resilience,
                (Sink: _sink, Bundle: bundle, Context: context));
            return retries.Value;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = _timeProvider };
        if (_options.PushAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.PushAttempts - 1,
                Delay = _options.PushRetryDelay,
                MaxDelay = _options.PushRetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is BundleNotDeliveredException
                    && _timeProvider.GetElapsedTime(args.Context.Properties.GetValue(StartedKey, 0)) < _options.PushRetryTotalTime),
                OnRetry = args =>
                {
                    var context = args.Context.Properties.GetValue(PushKey, null!);
                    Log.PushRetrying(_logger, _sink.Name, context.Source, context.Collection, args.AttemptNumber + 1, _options.PushAttempts,
                        args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "not delivered");
                    _events.PushRetried(context.Source, context.Collection);
                    args.Context.Properties.GetValue(RetriesKey, null!).Value++;
                    return default;
                },
            });
        }

        return builder.Build();
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
}
