using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Server.Hosting;

namespace TaxiiConnector.Server.Push;

/// <summary>
/// The TAXII 2.1 push endpoint on Kestrel. Partners POST envelopes; each accepted envelope is on disk
/// before the 202, and the host's consumer drains <see cref="Spool"/> through the transformer and the sink, then calls
/// <see cref="TaxiiPushSpool.CompleteAsync"/> so the status resource reports per-object results.
/// </summary>
public sealed class TaxiiPushHost : IAsyncDisposable
{
    private readonly EmbeddedKestrelApp _app;

    private TaxiiPushHost(EmbeddedKestrelApp app, TaxiiPushHostOptions options, TaxiiPushSpool spool)
    {
        _app = app;
        Options = options;
        Spool = spool;
    }

    public TaxiiPushHostOptions Options { get; }

    /// <summary>The accepted envelopes, for the consumer that pushes them on.</summary>
    public TaxiiPushSpool Spool { get; }

    /// <summary>The bound base URL, ending in <c>/</c>.</summary>
    public Uri BaseUrl => _app.BaseUrl;

    public Uri DiscoveryUrl => new(BaseUrl, "taxii2/");

    public Uri ApiRootUrl => new(BaseUrl, Options.ApiRoot + "/");

    public Uri GetCollectionUrl(string collectionId) => new(ApiRootUrl, $"collections/{Uri.EscapeDataString(collectionId)}/");

    public Uri GetObjectsUrl(string collectionId) => new(GetCollectionUrl(collectionId), "objects/");

    public Uri GetStatusUrl(string statusId) => new(ApiRootUrl, $"status/{Uri.EscapeDataString(statusId)}/");

    public static async Task<TaxiiPushHost> StartAsync(TaxiiPushHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TaxiiPushHost>();
        var spool = TaxiiPushSpool.Open(options.SpoolDirectory, options.TimeProvider, options.StatusRetention, logger);
        var endpoints = new TaxiiPushEndpoints(options, spool, logger);

        // Kestrel's own limit stays off: the endpoint counts the body itself to answer 413 with a TAXII error resource.
        var app = await EmbeddedKestrelApp.StartAsync(
            options.ListenAddress, options.Port, options.Certificate, maxRequestBodySize: null, options.LoggerFactory, configureMiddleware: null, endpoints.Map, cancellationToken).ConfigureAwait(false);
        Log.PushEndpointStarted(logger, app.BaseUrl, options.ApiRoot, options.Collections.Count, spool.PendingCount);
        return new TaxiiPushHost(app, options, spool);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
