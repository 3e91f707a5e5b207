using Microsoft.Extensions.Http;

namespace TaxiiConnector.Observability;

/// <summary>
/// Counts every HTTP attempt by server and status. It sits innermost (next to the sockets), so each retry of the
/// resilience pipeline is seen and counted as a retry; the same request message coming back is what marks one. Only
/// the URL's authority (host and port) is used: never its path, query, user info or any header.
/// </summary>
internal sealed class HttpMetricsHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("TaxiiConnector.Observability.Attempt");

    private readonly ConnectorMetrics _metrics;

    public HttpMetricsHandler(ConnectorMetrics metrics) => _metrics = metrics;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempt = request.Options.TryGetValue(AttemptKey, out var previous) ? previous + 1 : 1;
        request.Options.Set(AttemptKey, attempt);
        var host = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Authority : "unknown";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _metrics.HttpAttempt(host, (int)response.StatusCode, attempt > 1);
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.HttpAttempt(host, status: null, attempt > 1);
            throw;
        }
    }
}

/// <summary>Adds <see cref="HttpMetricsHandler"/> as the innermost handler of every client the factory builds.</summary>
internal sealed class HttpMetricsHandlerFilter : IHttpMessageHandlerBuilderFilter
{
    private readonly ConnectorMetrics _metrics;

    public HttpMetricsHandlerFilter(ConnectorMetrics metrics) => _metrics = metrics;

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            builder.AdditionalHandlers.Add(new HttpMetricsHandler(_metrics));
        };
    }
}
