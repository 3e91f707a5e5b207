using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using TaxiiConnector.Observability;
using TaxiiConnector.OpenCti.Sinks;

namespace TaxiiConnector.Pipeline;

/// <summary>
/// <c>bundle-push</c>: pushes a bundle again when the sink reports it as not delivered
/// (<see cref="BundleNotDeliveredException"/>), with a doubling delay on the <see cref="TimeProvider"/>, within
/// <see cref="PipelineOptions.PushAttempts"/> and <see cref="PipelineOptions.PushRetryTotalTime"/>. Nothing else is retried.
/// </summary>
internal static class BundlePushPipeline
{
    public const string Name = "bundle-push";

    private static readonly ResiliencePropertyKey<PushContext> PushKey = new("TaxiiConnector.Push");
    private static readonly ResiliencePropertyKey<string> SinkKey = new("TaxiiConnector.PushSink");
    private static readonly ResiliencePropertyKey<StrongBox<int>> RetriesKey = new("TaxiiConnector.PushRetries");

    public static IServiceCollection AddBundlePushPipeline(this IServiceCollection services) =>
        services.AddResiliencePipeline(Name, static (builder, context) =>
        {
            var provider = context.ServiceProvider;
            var timeProvider = provider.GetRequiredService<TimeProvider>();
            builder.TimeProvider = timeProvider;
            Configure(builder, provider.GetRequiredService<IOptions<PipelineOptions>>().Value, timeProvider,
                provider.GetRequiredService<ILogger<BundlePusher>>(), provider.GetService<PipelineEvents>() ?? PipelineEvents.None);
        });

    /// <summary>The pipeline outside dependency injection (the same strategy, without the telemetry).</summary>
    public static ResiliencePipeline Create(PipelineOptions options, TimeProvider timeProvider, ILogger logger, PipelineEvents events)
    {
        var builder = new ResiliencePipelineBuilder { Name = Name, TimeProvider = timeProvider };
        Configure(builder, options, timeProvider, logger, events);
        return builder.Build();
    }

    /// <summary>Marks the start of one bundle's push; the box counts the retries the push took.</summary>
    public static StrongBox<int> Start(ResilienceContext context, PushContext push, string sinkName, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        var retries = new StrongBox<int>();
        context.Properties.Set(PushKey, push);
        context.Properties.Set(SinkKey, sinkName);
        BoundedRetry.MarkStart(context, timeProvider);
        context.Properties.Set(RetriesKey, retries);
        return retries;
    }

    private static void Configure(ResiliencePipelineBuilder builder, PipelineOptions options, TimeProvider timeProvider, ILogger logger, PipelineEvents events)
    {
        if (options.PushAttempts <= 1)
        {
            return;
        }

        builder.AddRetry(BoundedRetry.Options(options.PushAttempts, options.PushRetryDelay, options.PushRetryMaxDelay, options.PushRetryTotalTime,
            timeProvider, static (exception, _) => exception is BundleNotDeliveredException, args =>
            {
                var push = args.Context.Properties.GetValue(PushKey, null!);
                Log.PushRetrying(logger, args.Context.Properties.GetValue(SinkKey, "sink"), push.Source, push.Collection, args.AttemptNumber + 1,
                    options.PushAttempts, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "not delivered");
                events.PushRetried(push.Source, push.Collection);
                args.Context.Properties.GetValue(RetriesKey, null!).Value++;
                return default;
            }));
    }
}
