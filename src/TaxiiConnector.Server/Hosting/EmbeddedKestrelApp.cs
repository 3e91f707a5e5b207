using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Protocol;

namespace TaxiiConnector.Server.Hosting;

/// <summary>
/// A minimal-API Kestrel application that its owner starts and stops from code: no console lifetime, no configuration
/// files, no logging providers of its own. Shared by the read-side server and the push endpoint, which stop and dispose
/// through it.
/// </summary>
internal sealed class EmbeddedKestrelApp : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private int _disposed;

    private EmbeddedKestrelApp(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The bound base URL, ending in <c>/</c> (e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Binds, starts serving, and returns once the server accepts connections.</summary>
    public static async Task<EmbeddedKestrelApp> StartAsync(
        IPAddress address,
        int port,
        X509Certificate2? certificate,
        long? maxRequestBodySize,
        ILoggerFactory? loggerFactory,
        Action<IApplicationBuilder>? configureMiddleware,
        Action<IEndpointRouteBuilder> mapEndpoints,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmbeddedKestrelApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));

            // Hosting logs every request at Information; the owner wants the server's own lines and Kestrel's problems.
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.Services.AddSingleton<IHostLifetime, NoHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBodySize;
            kestrel.Listen(address, port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        var app = builder.Build();
        configureMiddleware?.Invoke(app);
        mapEndpoints(app);
        app.MapFallback(context => TaxiiResponses.WriteErrorAsync(
            context, StatusCodes.Status404NotFound, "Not found", "No TAXII resource at this URL.", context.RequestAborted));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("Kestrel did not report the address it bound.");
            return new EmbeddedKestrelApp(app, new Uri(addresses.First().TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops accepting requests and lets the ones in flight finish (bounded by a timeout).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(StopTimeout);
        await _app.StopAsync(linked.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
