using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

/// <summary>
/// An objects page with a Content-Length is read whole into one pooled buffer and parsed in place; without one it is
/// parsed from the stream. Both keep the byte cap, and a body that disagrees with its Content-Length is never parsed.
/// </summary>
public sealed class WholeBodyReadTests
{
    private static TaxiiCollection Collection(Uri baseUrl) =>
        new(new Uri(baseUrl, "api1/"), TaxiiVersion.V21, "c1", "C", null, null, true, false, []);

    /// <summary>Pages 1..<paramref name="pages"/>, each with its own objects; <c>next</c> is the following page number.</summary>
    private static Task<KestrelTestServer> PagedServerAsync(int pages, int objectsPerPage, bool contentLength) =>
        KestrelTestServer.StartAsync(async context =>
        {
            var number = context.Request.Query.TryGetValue("next", out var next) ? int.Parse(next!, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var ids = Enumerable.Range(((number - 1) * objectsPerPage) + 1, objectsPerPage).Select(Stix.Id).ToArray();
            var body = Encoding.UTF8.GetBytes(Stix.Envelope(number < pages, number < pages ? (number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, ids));
            context.Response.ContentType = Stix.Taxii21;
            if (contentLength)
            {
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
                return;
            }

            // No Content-Length: Kestrel answers chunked, in several pieces.
            for (var offset = 0; offset < body.Length; offset += 1000)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(1000, body.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetObjectsAsync_PagesHeldTogether_EachKeepsItsOwnObjectsUntilDisposed(bool contentLength)
    {
        using var client = new TestClient();
        await using var server = await PagedServerAsync(pages: 4, objectsPerPage: 50, contentLength);
        var held = new List<TaxiiObjectPage>();

        // Every page stays undisposed while the next ones are read: a buffer returned to the pool too early would be
        // rented again for the next page of the same size and show its objects here.
        await client.RunAsync(async () =>
        {
            await foreach (var page in client.Client.GetObjectsAsync(Collection(server.BaseUrl), new TaxiiObjectsQuery()))
            {
                held.Add(page);
            }

            return held.Count;
        });

        try
        {
            held.Select(PageSnapshot.Of).SelectMany(p => p.Ids).Should().Equal(Enumerable.Range(1, 200).Select(Stix.Id));
        }
        finally
        {
            foreach (var page in held)
            {
                page.Dispose();
                page.Dispose();
            }
        }
    }

    [Fact]
    public async Task GetObjectsAsync_ChunkedPagesOfChangingSize_BufferGrowsPastTheLastSizeAndEveryObjectArrives()
    {
        // Without a Content-Length the first buffer is sized from the previous body: here it must grow (about 300 B,
        // then 25 KB, then 180 KB, then small again) while earlier pages are still held.
        int[] sizes = [1, 80, 600, 2];
        var starts = sizes.Select((_, i) => sizes.Take(i).Sum() + 1).ToArray();
        using var client = new TestClient();
        await using var server = await KestrelTestServer.StartAsync(async context =>
        {
            var number = context.Request.Query.TryGetValue("next", out var next) ? int.Parse(next!, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var more = number < sizes.Length - 1;
            var body = Encoding.UTF8.GetBytes(Stix.Envelope(more, more ? (number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                [.. Enumerable.Range(starts[number], sizes[number]).Select(Stix.Id)]));
            context.Response.ContentType = Stix.Taxii21;
            for (var offset = 0; offset < body.Length; offset += 4000)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(4000, body.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        });
        var held = new List<TaxiiObjectPage>();

        await client.RunAsync(async () =>
        {
            await foreach (var page in client.Client.GetObjectsAsync(Collection(server.BaseUrl), new TaxiiObjectsQuery()))
            {
                held.Add(page);
            }

            return held.Count;
        });

        try
        {
            held.Select(p => p.Objects.Count).Should().Equal(sizes);
            held.Select(PageSnapshot.Of).SelectMany(p => p.Ids).Should().Equal(Enumerable.Range(1, sizes.Sum()).Select(Stix.Id));
        }
        finally
        {
            held.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task GetObjectsAsync_BodyShorterThanItsContentLength_IsATransientFailureRetriedAndNeverParsed()
    {
        var body = Stix.Envelope(false, null, Stix.Id(1), Stix.Id(2));
        using var client = new TestClient(o => o.MaxRetries = 2,
            http => http.AddHttpMessageHandler(() => new DeclaredLength(content => (content[..(content.Length / 2)], content.Length))));
        await using var server = await KestrelTestServer.StartAsync(context => WriteAsync(context, body));
        var pages = new List<PageSnapshot>();

        var read = () => client.ReadAllAsync(Collection(server.BaseUrl), new TaxiiObjectsQuery(), pages);

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain($"ended after {Encoding.UTF8.GetByteCount(body) / 2} of the {Encoding.UTF8.GetByteCount(body)} bytes its Content-Length announced");
        pages.Should().BeEmpty();
        client.Logs.AllText.Should().Contain("ended after");
    }

    [Fact]
    public async Task GetObjectsAsync_BodyLongerThanItsContentLength_IsAFailureNotTheCutDocument()
    {
        // The declared length ends exactly after a complete, valid envelope: parsing only that much would "succeed".
        var body = Stix.Envelope(false, null, Stix.Id(1)) + Stix.Envelope(false, null, Stix.Id(2));
        var first = Encoding.UTF8.GetByteCount(Stix.Envelope(false, null, Stix.Id(1)));
        using var client = new TestClient(o => o.MaxRetries = 1,
            http => http.AddHttpMessageHandler(() => new DeclaredLength(content => (content, first))));
        await using var server = await KestrelTestServer.StartAsync(context => WriteAsync(context, body));
        var pages = new List<PageSnapshot>();

        var read = () => client.ReadAllAsync(Collection(server.BaseUrl), new TaxiiObjectsQuery(), pages);

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.Message.Should().Contain($"longer than the {first} bytes its Content-Length announced");
        pages.Should().BeEmpty();
    }

    [Fact]
    public async Task GetObjectsAsync_ContentLengthWithinTheCapButTheBodyBeyondIt_FailsWithoutParsing()
    {
        var body = Stix.Envelope(false, null, Stix.Id(1), Stix.Id(2), Stix.Id(3));
        using var client = new TestClient(o => { o.MaxResponseBytes = 200; o.MaxRetries = 1; },
            http => http.AddHttpMessageHandler(() => new DeclaredLength(content => (content, 100))));
        await using var server = await KestrelTestServer.StartAsync(context => WriteAsync(context, body));

        var read = () => client.ReadAllAsync(Collection(server.BaseUrl), new TaxiiObjectsQuery());

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.Message.Should().Contain("longer than the 100 bytes its Content-Length announced");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetObjectsAsync_BodyOverTheByteCap_FailsWithoutRetryWithOrWithoutContentLength(bool contentLength)
    {
        using var client = new TestClient(o => o.MaxResponseBytes = 2000);
        await using var server = await PagedServerAsync(pages: 1, objectsPerPage: 20, contentLength);

        var read = () => client.ReadAllAsync(Collection(server.BaseUrl), new TaxiiObjectsQuery());

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.IsTransient.Should().BeFalse();
        error.Message.Should().Contain("2000-byte cap");
    }

    private static async Task WriteAsync(HttpContext context, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentType = Stix.Taxii21;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    /// <summary>
    /// Replaces each response body with what <c>rewrite</c> makes of it and declares the given Content-Length, as a
    /// broken proxy or handler might: HttpClient itself never hands over more or fewer bytes than it announced.
    /// </summary>
    private sealed class DeclaredLength(Func<byte[], (byte[] Body, long Declared)> rewrite) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            var (body, declared) = rewrite(await original.ReadAsByteArrayAsync(cancellationToken));
            var content = new StreamContent(new MemoryStream(body));
            foreach (var header in original.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            content.Headers.ContentLength = declared;
            original.Dispose();
            response.Content = content;
            return response;
        }
    }
}
