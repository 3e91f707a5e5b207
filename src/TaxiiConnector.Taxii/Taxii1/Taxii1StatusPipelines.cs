using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using TaxiiConnector.Taxii.Taxii1.Xml;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// The two pipelines that wait out the statuses a TAXII 1.1 server sends to say "ask again" (RETRY, PENDING,
/// NETWORK_ERROR): for the ESTIMATED_WAIT it gives (at least a second), else <see cref="Taxii1ClientOptions.DefaultStatusWait"/>,
/// at most <see cref="Taxii1ClientOptions.MaxStatusWait"/>, and at most <see cref="Taxii1ClientOptions.MaxStatusRetries"/>
/// times in a row. Every exception is final here (the HTTP pipeline retried what was transient), and so is every other status.
/// </summary>
internal static class Taxii1StatusPipelines
{
    /// <summary>Discovery and collection-information requests: whole messages.</summary>
    public const string StatusName = "taxii1-status";

    /// <summary>Poll and fulfilment requests: answers read as a stream.</summary>
    public const string PollName = "taxii1-poll-status";

    public static readonly ResiliencePropertyKey<Uri> UrlKey = new("taxii1.url");

    public static IServiceCollection AddTaxii1StatusPipelines(this IServiceCollection services)
    {
        services.AddResiliencePipeline<string, XElement>(StatusName, static (builder, context) =>
        {
            var (options, logger) = Resolve(builder, context.ServiceProvider);
            ConfigureStatus(builder, options, logger);
        });
        services.AddResiliencePipeline<string, PollAnswer>(PollName, static (builder, context) =>
        {
            var (options, logger) = Resolve(builder, context.ServiceProvider);
            ConfigurePoll(builder, options, logger);
        });
        return services;
    }

    /// <summary>The status pipeline outside dependency injection (the same strategy, without the telemetry).</summary>
    public static ResiliencePipeline<XElement> CreateStatus(Taxii1ClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<XElement> { Name = StatusName, TimeProvider = timeProvider };
        ConfigureStatus(builder, options, logger);
        return builder.Build();
    }

    /// <summary>The poll pipeline outside dependency injection (the same strategy, without the telemetry).</summary>
    public static ResiliencePipeline<PollAnswer> CreatePoll(Taxii1ClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<PollAnswer> { Name = PollName, TimeProvider = timeProvider };
        ConfigurePoll(builder, options, logger);
        return builder.Build();
    }

    private static (Taxii1ClientOptions Options, ILogger Logger) Resolve(ResiliencePipelineBuilderBase builder, IServiceProvider provider)
    {
        builder.TimeProvider = provider.GetRequiredService<TimeProvider>();
        return (provider.GetRequiredService<IOptions<Taxii1ClientOptions>>().Value, provider.GetRequiredService<ILogger<Taxii1Client>>());
    }

    private static void ConfigureStatus(ResiliencePipelineBuilder<XElement> builder, Taxii1ClientOptions options, ILogger logger)
    {
        if (options.MaxStatusRetries > 0)
        {
            builder.AddRetry(Retry<XElement>(options, logger, root => IsStatus(root) ? Taxii1MessageParser.ParseStatus(root) : null));
        }
    }

    private static void ConfigurePoll(ResiliencePipelineBuilder<PollAnswer> builder, Taxii1ClientOptions options, ILogger logger)
    {
        if (options.MaxStatusRetries > 0)
        {
            builder.AddRetry(Retry<PollAnswer>(options, logger, answer => answer.Status));
        }
    }

    private static RetryStrategyOptions<T> Retry<T>(Taxii1ClientOptions options, ILogger logger, Func<T, Taxii1StatusMessage?> statusOf) => new()
    {
        MaxRetryAttempts = options.MaxStatusRetries,
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } result && statusOf(result) is { } status && IsWaitable(status)),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(StatusWait(statusOf(args.Outcome.Result!)!, options)),
        OnRetry = args =>
        {
            Log.WaitingOnStatus(logger, statusOf(args.Outcome.Result!)!.StatusType, args.Context.Properties.GetValue(UrlKey, null!),
                args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, options.MaxStatusRetries);
            return default;
        },
    };

    private static bool IsStatus(XElement root) => Taxii1MessageParser.IsMessage(root, "Status_Message");

    private static bool IsWaitable(Taxii1StatusMessage status) =>
        status.StatusType is Taxii1StatusType.Retry or Taxii1StatusType.Pending or Taxii1StatusType.NetworkError;

    /// <summary>The status's ESTIMATED_WAIT (at least a second), else the default, at most the maximum.</summary>
    private static TimeSpan StatusWait(Taxii1StatusMessage status, Taxii1ClientOptions options)
    {
        var wait = options.DefaultStatusWait;
        if (int.TryParse(status.Detail("ESTIMATED_WAIT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            wait = TimeSpan.FromSeconds(Math.Max(1, seconds));
        }

        return wait > options.MaxStatusWait ? options.MaxStatusWait : wait;
    }
}
