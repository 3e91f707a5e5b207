using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TaxiiConnector.OpenCti.Sinks;

namespace TaxiiConnector.OpenCti.Amqp;

/// <summary>
/// The AMQP sink's one retry layer, <c>amqp-publish</c>: a transient broker failure (connection lost, nack, unroutable
/// return) is retried with jittered exponential back-off, at most <see cref="OpenCtiClientOptions.AmqpRetryAttempts"/>
/// times and for at most <see cref="OpenCtiClientOptions.AmqpPublishTimeout"/> in all. Anything else (a refused login, a
/// message above the broker's size limit, a bug) goes straight through.
/// </summary>
internal static partial class AmqpPublishPipeline
{
    public const string Name = "amqp-publish";

    public static IServiceCollection AddAmqpPublishPipeline(this IServiceCollection services) =>
        services.AddResiliencePipeline(Name, static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<OpenCtiClientOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AmqpPublishPipeline).FullName!);
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            Configure(builder, options, logger);
        });

    internal static void Configure(ResiliencePipelineBuilder builder, OpenCtiClientOptions options, ILogger logger)
    {
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AmqpPublishTimeout });
        if (options.AmqpRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AmqpPublishException>(),
                MaxRetryAttempts = options.AmqpRetryAttempts,
                Delay = options.AmqpRetryBaseDelay,
                MaxDelay = options.AmqpMaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = arguments =>
                {
                    Log.Retrying(logger, arguments.AttemptNumber + 1, options.AmqpRetryAttempts + 1, arguments.RetryDelay.TotalSeconds,
                        arguments.Outcome.Exception?.Message ?? "no outcome");
                    return ValueTask.CompletedTask;
                },
            });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.AmqpPublishRetrying, EventName = nameof(LogEventIds.AmqpPublishRetrying), Level = LogLevel.Warning,
            Message = "AMQP publish attempt {Attempt} of {Attempts} failed, retrying in {DelaySeconds:F1} s: {Reason}")]
        public static partial void Retrying(ILogger logger, int attempt, int attempts, double delaySeconds, string reason);
    }
}
