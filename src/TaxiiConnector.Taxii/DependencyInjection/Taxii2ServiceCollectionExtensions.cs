using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.Resilience;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Taxii.DependencyInjection;

/// <summary>Registers <see cref="Taxii2Client"/>s: named options validated at start, a named HttpClient with its handlers.</summary>
public static class Taxii2ServiceCollectionExtensions
{
    /// <summary>The name used by the overload without one; <see cref="Taxii2Client"/> resolved directly is this one.</summary>
    public const string DefaultName = "taxii2";

    /// <summary>Registers the default client (resolve <see cref="Taxii2Client"/>).</summary>
    public static IHttpClientBuilder AddTaxii2Client(this IServiceCollection services, Action<Taxii2ClientOptions> configure)
    {
        var builder = services.AddTaxii2Client(DefaultName, configure);
        services.TryAddTransient(sp => sp.GetRequiredService<ITaxii2ClientFactory>().Create(DefaultName));
        return builder;
    }

    /// <summary>
    /// Registers a named client (resolve it with <see cref="ITaxii2ClientFactory.Create"/>). Handler order, outermost first:
    /// total timeout → retry (408/429/5xx/network, exponential + jitter, Retry-After) → attempt timeout → auth →
    /// exact Accept → sockets
    /// (TLS, mTLS, proxy). Every delay goes through the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IHttpClientBuilder AddTaxii2Client(this IServiceCollection services, string name, Action<Taxii2ClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITaxii2ClientFactory, Taxii2ClientFactory>();
        services.TryAddSingleton<Taxii2.Pagination.RangeFormMemory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Taxii2ClientOptions>, Taxii2ClientOptionsValidator>());
        services.AddOptions<Taxii2ClientOptions>(name).Configure(configure).ValidateOnStart();

        var builder = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan);

        // One handler chain for the process: SocketsHttpHandler's PooledConnectionLifetime already refreshes DNS, and the
        // TLS set-up (certificate files read, verify_ssl warning) then happens once instead of on every handler rotation.
        builder.SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // ExactAcceptHandler wraps the sockets handler itself: every handler above it (resilience cloning, factory
        // logging) may re-format the Accept value, so it is restored on the last hop.
        builder.ConfigurePrimaryHttpMessageHandler(sp => new ExactAcceptHandler
        {
            InnerHandler = PrimaryHandlerFactory.Create(
                sp.GetRequiredService<IOptionsMonitor<Taxii2ClientOptions>>().Get(name),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("TaxiiConnector.Taxii.Auth")),
        });

        builder.AddResilienceHandler(name + "-resilience", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<Taxii2ClientOptions>>().Get(name);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.MaxRetryAfter,
                    // Retry-After is read by DelayGenerator against the injected clock (the built-in reader uses the system one).
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Result is { } response ? RetryAfter.GetDelay(response, time, options.MaxRetryAfter) : null),
                    OnRetry = RetryLog.OnRetry(
                        context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("TaxiiConnector.Taxii.Retry"), options.MaxRetries),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });

        builder.AddHttpMessageHandler(sp => AuthHandlers.ForAuthorization(
            sp.GetRequiredService<IOptionsMonitor<Taxii2ClientOptions>>().Get(name),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("TaxiiConnector.Taxii.Auth")));
        builder.AddHttpMessageHandler(sp => AuthHandlers.ForApiKey(sp.GetRequiredService<IOptionsMonitor<Taxii2ClientOptions>>().Get(name)));

        return builder;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) => outcome switch
    {
        { Result: { } response } => RetryAfter.IsTransientStatus(response.StatusCode),
        { Exception: HttpRequestException } => true,
        { Exception: Polly.Timeout.TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => !callerToken.IsCancellationRequested,
        _ => false,
    };
}
