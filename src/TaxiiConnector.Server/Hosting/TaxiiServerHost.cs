using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// The project's own TAXII 2.1 server, in process on Kestrel: started and stopped by code (the demo, tests, the benchmark).
/// </summary>
/// <example>
/// <code>
/// await using var server = await TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = DemoDataSet.Load() }, ct);
/// var discovery = server.DiscoveryUrl;   // http://127.0.0.1:{port}/taxii2/
/// </code>
/// </example>
public sealed class TaxiiServerHost : IAsyncDisposable
{
    private readonly EmbeddedKestrelApp _app;
    private readonly TaxiiReadEndpoints _endpoints;

    private TaxiiServerHost(EmbeddedKestrelApp app, TaxiiReadEndpoints endpoints, TaxiiServerOptions options)
    {
        _app = app;
        _endpoints = endpoints;
        Options = options;
    }

    public TaxiiServerOptions Options { get; }

    /// <summary>The bound base URL, ending in <c>/</c> (e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    public Uri BaseUrl => _app.BaseUrl;

    /// <summary><c>{BaseUrl}taxii2/</c>.</summary>
    public Uri DiscoveryUrl => new(BaseUrl, "taxii2/");

    /// <summary><c>{BaseUrl}{ApiRoot}/</c>.</summary>
    public Uri ApiRootUrl => new(BaseUrl, Options.ApiRoot + "/");

    /// <summary>Requests received so far, every endpoint counted.</summary>
    public long RequestCount => _endpoints.RequestCount;

    /// <summary>Get Objects requests received so far.</summary>
    public long ObjectsRequestCount => _endpoints.ObjectsRequestCount;

    public Uri GetCollectionUrl(string collectionId) => new(ApiRootUrl, $"collections/{Uri.EscapeDataString(collectionId)}/");

    public Uri GetObjectsUrl(string collectionId) => new(GetCollectionUrl(collectionId), "objects/");

    /// <summary>Binds, starts serving, and returns once the server accepts connections.</summary>
    public static async Task<TaxiiServerHost> StartAsync(TaxiiServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TaxiiServerHost>();
        var endpoints = new TaxiiReadEndpoints(options, logger);
        var app = await EmbeddedKestrelApp.StartAsync(
            options.ListenAddress, options.Port, certificate: null, options.MaxContentLength, options.LoggerFactory, options.ConfigureMiddleware, endpoints.Map, cancellationToken).ConfigureAwait(false);
        Log.ServerStarted(logger, app.BaseUrl, options.ApiRoot, options.Store.Collections.Count);
        return new TaxiiServerHost(app, endpoints, options);
    }

    /// <summary>Stops accepting requests and lets the ones in flight finish (bounded by a timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
