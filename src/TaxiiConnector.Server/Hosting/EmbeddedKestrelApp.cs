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
/// files, no logging providers of its own. Shared by the read-side server and the push endpoint.
/// </summary>
internal static class EmbeddedKestrelApp
{
    public static async Task<(WebApplication App, Uri BaseUrl)> StartAsync(
        IPAddress address,
        int port,
        X509Certificate2? certificate,
        long? maxRequestBodySize,
        ILoggerFactory? loggerFactory,
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
        mapEndpoints(app);
        app.MapFallback(context => TaxiiResponses.WriteErrorAsync(
            context, StatusCodes.Status404NotFound, "Not found", "No TAXII resource at this URL.", context.RequestAborted));

        try
        {
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("Kestrel did not report the address it bound.");
            return (app, new Uri(addresses.First().TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static async Task StopAsync(WebApplication app, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(timeout);
        await app.StopAsync(linked.Token);
    }
}
