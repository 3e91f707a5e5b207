using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// Pushes one bundle and waits for the sink's acknowledgement. A bundle the sink reports as not delivered
/// (<see cref="BundleNotDeliveredException"/>: nothing reached the platform, and the sink did not retry it) is pushed
/// again by the <see cref="BundlePushPipeline"/>. Any other failure is final at once: the sinks and their transports retry
/// what they know is safe to repeat, and a second layer would send a bundle the platform may already have queued. A
/// failed push fails the collection, whose cursor then stays where it was.
/// </summary>
internal sealed class BundlePusher
{
    /// <summary>The name of the retry pipeline (in Polly's telemetry).</summary>
    public const string PipelineName = BundlePushPipeline.Name;

    private readonly IBundleSink _sink;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _timeProvider;

    public BundlePusher(IBundleSink sink, IOptions<PipelineOptions> options, TimeProvider timeProvider, ILogger<BundlePusher> logger,
        PipelineEvents? events = null, ResiliencePipelineProvider<string>? pipelines = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sink = sink;
        _timeProvider = timeProvider;
        _pipeline = pipelines?.GetPipeline(BundlePushPipeline.Name)
            ?? BundlePushPipeline.Create(options.Value, timeProvider, logger, events ?? PipelineEvents.None);
    }

    /// <summary>Pushes until acknowledged; returns how many attempts the sink refused first (the retries).</summary>
    public async Task<int> PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var retries = BundlePushPipeline.Start(resilience, context, _sink.Name, _timeProvider);
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
