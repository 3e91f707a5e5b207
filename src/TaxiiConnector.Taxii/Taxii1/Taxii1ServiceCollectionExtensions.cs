using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using TaxiiConnector.Taxii.Taxii1.Http;

namespace TaxiiConnector.Taxii.Taxii1;

public static class Taxii1ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="Taxii1Client"/> as a typed client: the primary handler from <see cref="Taxii1ClientOptions"/>
    /// (client certificate, TLS verification, decompression) and the standard resilience pipeline (retries with backoff
    /// on 408, 429, 5xx and network errors) with <see cref="Taxii1ClientOptions.RequestTimeout"/> per attempt.
    /// Configure <see cref="Taxii1ClientOptions"/> with <paramref name="configure"/> or the options API.
    /// </summary>
    public static IHttpClientBuilder AddTaxii1Client(this IServiceCollection services, Action<Taxii1ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<Taxii1ClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddTaxii1StatusPipelines();
        var builder = services.AddHttpClient<Taxii1Client>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                Taxii1HttpHandlerFactory.Create(provider.GetRequiredService<IOptions<Taxii1ClientOptions>>().Value));
        builder.AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            // A large poll answer can take long to start; the other windows follow from the attempt timeout so the
            // standard pipeline's consistency rules hold.
            var timeout = provider.GetRequiredService<IOptions<Taxii1ClientOptions>>().Value.RequestTimeout;
            resilience.AttemptTimeout.Timeout = timeout;
            resilience.TotalRequestTimeout.Timeout = timeout * 4;
            resilience.CircuitBreaker.SamplingDuration = timeout * 2;
            resilience.Retry.OnRetry = Resilience.RetryLog.OnRetry(
                provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("TaxiiConnector.Taxii.Retry"),
                resilience.Retry.MaxRetryAttempts);
        });
        return builder;
    }
}
