using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Generated;
using TaxiiConnector.Server.Protocol;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>serve --prerendered</c>: a stand-in for a TAXII server much faster than the project's own. Every objects page of
/// the generated collection is rendered once into memory (same objects, same encoder as the real server), then served
/// as one write with a Content-Length; <c>next</c> is the page number. Discovery, API root and collections are passed
/// through to the real server (its address rewritten), so the connector's whole client path runs unchanged.
/// Benchmark-only: it ignores every filter but <c>next</c>.
/// </summary>
internal sealed class PrerenderedUpstream : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly HttpClient _backend;

    private PrerenderedUpstream(WebApplication app, HttpClient backend, Uri baseUrl)
    {
        _app = app;
        _backend = backend;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<PrerenderedUpstream> StartAsync(GeneratedTaxiiObjectStore store, int pageSize, Uri realDiscoveryUrl, Uri realObjectsUrl)
    {
        var pages = Render(store, pageSize);
        var backend = new HttpClient { BaseAddress = new Uri(realDiscoveryUrl.GetLeftPart(UriPartial.Authority)) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var realAuthority = realDiscoveryUrl.GetLeftPart(UriPartial.Authority);
        string? frontAuthority = null;
        app.Run(async context =>
        {
            var request = context.Request;
            if (string.Equals(request.Path.Value, realObjectsUrl.AbsolutePath, StringComparison.Ordinal))
            {
                var next = request.Query["next"].ToString();
                var number = next.Length == 0 ? 0 : int.Parse(next, CultureInfo.InvariantCulture);
                var page = pages[number];
                context.Response.ContentType = "application/taxii+json;version=2.1";
                context.Response.Headers["X-TAXII-Date-Added-First"] = page.First;
                context.Response.Headers["X-TAXII-Date-Added-Last"] = page.Last;
                context.Response.ContentLength = page.Body.Length;
                await context.Response.Body.WriteAsync(page.Body, context.RequestAborted);
                return;
            }

            using var forward = new HttpRequestMessage(HttpMethod.Get, request.Path.Value + request.QueryString.Value);
            forward.Headers.TryAddWithoutValidation("Accept", request.Headers.Accept.ToString());
            using var answer = await backend.SendAsync(forward, context.RequestAborted);
            var text = (await answer.Content.ReadAsStringAsync(context.RequestAborted)).Replace(realAuthority, frontAuthority, StringComparison.Ordinal);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        frontAuthority = new Uri(address).GetLeftPart(UriPartial.Authority);
        return new PrerenderedUpstream(app, backend, new Uri(frontAuthority));
    }

    public Uri Rebase(Uri real) => new(BaseUrl, real.PathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _backend.Dispose();
    }

    private static List<RenderedPage> Render(GeneratedTaxiiObjectStore store, int pageSize)
    {
        var pages = new List<RenderedPage>();
        for (long first = 0, number = 0; first < store.Count; first += pageSize, number++)
        {
            var count = (int)Math.Min(pageSize, store.Count - first);
            var more = first + count < store.Count;
            using var output = new MemoryStream(count * 1500);
            using (var writer = new Utf8JsonWriter(output, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("more"u8, more);
                if (more)
                {
                    writer.WriteString("next"u8, (number + 1).ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteStartArray("objects"u8);
                for (var i = first; i < first + count; i++)
                {
                    store.WriteObject(i, writer);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            pages.Add(new RenderedPage(output.ToArray(), TaxiiTimestamp.Format(store.GetDateAdded(first)),
                TaxiiTimestamp.Format(store.GetDateAdded(first + count - 1))));
        }

        return pages;
    }

    private sealed record RenderedPage(byte[] Body, string First, string Last);
}
