using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Transform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using TaxiiConnector.Sources.CyberThreatExchange.Http;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>Registers the Cyber Threat Exchange source, its typed HTTP client and that client's resilience.</summary>
public static class CyberThreatExchangeServiceCollectionExtensions
{
    /// <summary>Per attempt: a 200-object page is small, a minute without an answer is a dead connection.</summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>One request with all its retries and waits; above the 5-minute Retry-After cap times the retries.</summary>
    internal static readonly TimeSpan TotalRequestTimeout = TimeSpan.FromMinutes(20);

    internal const int MaxRetryAttempts = 5;

    /// <summary>
    /// Registers the source when the <c>cyberthreatexchange</c> section switches it on (<c>api_key</c> or
    /// <c>feed_ids</c> set); otherwise nothing. Its options (<see cref="CyberThreatExchangeOptions"/>, validated at start)
    /// are registered with every section of <see cref="ConfigSections.All"/>.
    /// </summary>
    public static IServiceCollection AddCyberThreatExchangeSource(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CyberThreatExchangeOptions();
        options.Read(new ConfigSectionReader(configuration));
        return options.IsEnabled ? services.AddCyberThreatExchangeClientAndSource() : services;
    }

    /// <summary>
    /// The typed <see cref="CtxFeedsClient"/> (API key handler, retries with exponential backoff and jitter on 408, 429,
    /// 5xx and network errors honouring <c>Retry-After</c>, per-attempt and total timeouts, every wait through the
    /// registered <see cref="TimeProvider"/>) and the <see cref="IConnectorSource"/>. The options
    /// (<see cref="CyberThreatExchangeOptions"/>) are registered by the configuration.
    /// </summary>
    internal static IServiceCollection AddCyberThreatExchangeClientAndSource(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<ApiKeyHandler>();

        services.AddHttpClient<CtxFeedsClient>((serviceProvider, http) =>
            {
                http.BaseAddress = serviceProvider.GetRequiredService<IOptions<CyberThreatExchangeOptions>>().Value.BaseUri;

                // The resilience pipeline owns the timeouts (per attempt and in total).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The source is a singleton holding this client for months: the pooled connections, not the handler, are
            // recycled, so DNS changes of the API are picked up without the factory's handler rotation.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders([ApiKeyHandler.HeaderName])
            .AddHttpMessageHandler<ApiKeyHandler>()
            .AddResilienceHandler(CyberThreatExchangeOptions.SectionName, ConfigureResilience);

        services.AddSingleton<IConfigureOptions<StixTransformerOptions>>(serviceProvider => new StixTransformerOptionsSetup(
            CyberThreatExchangeOptions.SectionName, serviceProvider.GetRequiredService<IOptions<CyberThreatExchangeOptions>>().Value.TransformSettings));
        services.AddSingleton<CyberThreatExchangeSource>();
        services.AddSingleton<IConnectorSource>(serviceProvider => serviceProvider.GetRequiredService<CyberThreatExchangeSource>());
        return services;
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CtxFeedsClient));

        pipeline
            .AddTimeout(TotalRequestTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(2),
                MaxDelay = TimeSpan.FromMinutes(2),

                // Retry-After is read against the injected clock (see RetryAfterDelay), not the stock helper.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay.From(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    var outcome = args.Outcome.Result is { } response
                        ? $"HTTP {(int)response.StatusCode}"
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    var path = args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath ?? "request";
                    Log.Retrying(logger, path, outcome, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(AttemptTimeout);
    }
}
