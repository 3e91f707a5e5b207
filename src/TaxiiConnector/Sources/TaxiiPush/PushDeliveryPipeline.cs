using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// <c>taxii-push-delivery</c>: delivers a push envelope again when its delivery failed for a reason that may pass
/// (<see cref="PushDeliveryFailures.IsTransient"/>). Each attempt is a whole delivery (a new OpenCTI work and every bundle
/// of the envelope), so this layer rides out an outage of the platform, while the sinks' own layers ride out blips within
/// one bundle. The delay doubles from <see cref="PushConsumerOptions.RetryDelay"/> to
/// <see cref="PushConsumerOptions.MaxRetryDelay"/>; there are at most <see cref="PushConsumerOptions.DeliveryAttempts"/>
/// attempts, and none starts after <see cref="PushConsumerOptions.DeliveryMaxTime"/>. A failure that cannot pass ends it
/// at once.
/// </summary>
internal static class PushDeliveryPipeline
{
    public const string Name = "taxii-push-delivery";

    /// <summary>What the attempt does (for the log line) and the envelope it does it to.</summary>
    public static readonly ResiliencePropertyKey<(string Action, SpooledEnvelope Envelope)> AttemptKey = new("TaxiiConnector.PushDelivery");

    public static IServiceCollection AddPushDeliveryPipeline(this IServiceCollection services) =>
        services.AddResiliencePipeline(Name, static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PushConsumerOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            Configure(builder, options, builder.TimeProvider, context.ServiceProvider.GetRequiredService<ILogger<PushEnvelopeDelivery>>());
        });

    /// <summary>The pipeline outside dependency injection (the same strategy, without the telemetry).</summary>
    public static ResiliencePipeline Create(PushConsumerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { Name = Name, TimeProvider = timeProvider };
        Configure(builder, options, timeProvider, logger);
        return builder.Build();
    }

    /// <summary>Marks the start of a delivery, from which <see cref="PushConsumerOptions.DeliveryMaxTime"/> counts.</summary>
    public static void Start(ResilienceContext context, TimeProvider timeProvider, string action, SpooledEnvelope envelope)
    {
        context.Properties.Set(AttemptKey, (action, envelope));
        BoundedRetry.MarkStart(context, timeProvider);
    }

    private static void Configure(ResiliencePipelineBuilder builder, PushConsumerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        if (options.DeliveryAttempts <= 1)
        {
            return;
        }

        builder.AddRetry(BoundedRetry.Options(options.DeliveryAttempts, options.RetryDelay, options.MaxRetryDelay, options.DeliveryMaxTime, timeProvider,
            static (exception, context) => PushDeliveryFailures.IsTransient(exception, context.CancellationToken), args =>
            {
                var (action, envelope) = args.Context.Properties.GetValue(AttemptKey, default);
                Log.DeliveryRetrying(logger, action, envelope.StatusId, envelope.CollectionId, args.AttemptNumber + 1, options.DeliveryAttempts,
                    args.RetryDelay.TotalSeconds, args.Outcome.Exception!.Message);
                return default;
            }));
    }
}
