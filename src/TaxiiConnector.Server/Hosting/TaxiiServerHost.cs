using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Server.Protocol;

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
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly TaxiiReadEndpoints _endpoints;
    private int _disposed;

    private TaxiiServerHost(WebApplication app, TaxiiReadEndpoints endpoints, TaxiiServerOptions options, Uri baseUrl)
    {
        _app = app;
        _endpoints = endpoints;
        Options = options;
        BaseUrl = baseUrl;
    }

    public TaxiiServerOptions Options { get; }

    /// <summary>The bound base URL, ending in <c>/</c> (e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    public Uri BaseUrl { get; }

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

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TaxiiServerHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is not null)
        {
            // Registered as an instance, so the server never disposes its owner's factory.
            builder.Services.AddSingleton(options.LoggerFactory);
        }

        builder.Services.AddSingleton<IHostLifetime, NoHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxContentLength;
            kestrel.Listen(options.ListenAddress, options.Port);
        });

        var app = builder.Build();
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TaxiiServerHost>();
        var endpoints = new TaxiiReadEndpoints(options, logger);
        endpoints.Map(app);
        app.MapFallback(context => TaxiiResponses.WriteErrorAsync(
            context, StatusCodes.Status404NotFound, "Not found", "No TAXII resource at this URL.", context.RequestAborted));

        try
        {
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("Kestrel did not report the address it bound.");
            var address = addresses.First();
            var baseUrl = new Uri(address.TrimEnd('/') + "/");
            Log.ServerStarted(logger, baseUrl, options.ApiRoot, options.Store.Collections.Count);
            return new TaxiiServerHost(app, endpoints, options, baseUrl);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops accepting requests and lets the ones in flight finish (bounded by a timeout).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
