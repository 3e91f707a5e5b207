using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Resilience;

/// <summary>A server that drops the connection in the middle of a body (Kestrel, so the abort is a real TCP reset).</summary>
public sealed class ConnectionResetTests
{
    /// <summary>
    /// Sends the headers and half the body, waits until the client has the headers (signalled by a handler on the
    /// client side, so the reset cannot overtake them), then resets the connection.
    /// </summary>
    private static Task<KestrelTestServer> StartAsync(int resetsBeforeSuccess, Func<int> countRequest, Func<Task> headersReceived) =>
        KestrelTestServer.StartAsync(async context =>
        {
            var body = Encoding.UTF8.GetBytes(Stix.Envelope(false, null, Stix.Id(1), Stix.Id(2)));
            context.Response.ContentType = Stix.Taxii21;
            context.Response.ContentLength = body.Length;
            if (countRequest() <= resetsBeforeSuccess)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                await context.Response.Body.FlushAsync();
                await headersReceived();
                context.Abort();
                return;
            }

            await context.Response.Body.WriteAsync(body);
        });

    private static (TestClient Client, HeadersSignal Signal) Client(Action<Taxii2ClientOptions>? configure = null)
    {
        var signal = new HeadersSignal();
        return (new TestClient(configure, http => http.AddHttpMessageHandler(() => signal)), signal);
    }

    [Fact]
    public async Task GetObjectsAsync_ConnectionResetMidBodyOnce_RetriesAndYieldsOnlyTheCompletePage()
    {
        var requests = 0;
        var (client, signal) = Client();
        using var _ = client;
        await using var server = await StartAsync(1, () => Interlocked.Increment(ref requests), signal.WaitAsync);
        var collection = new TaxiiCollection(new Uri(server.BaseUrl, "api1/"), TaxiiVersion.V21, "c1", "C", null, null, true, false, []);

        var pages = await client.ReadAllAsync(collection, new TaxiiObjectsQuery());

        pages.Should().ContainSingle().Which.Ids.Should().Equal(Stix.Id(1), Stix.Id(2));
        requests.Should().Be(2);
        client.Logs.AllText.Should().Contain("connection broke while reading the response");
    }

    [Fact]
    public async Task GetObjectsAsync_ConnectionResetMidBodyEveryTime_FailsClearlyWithNoPage()
    {
        var requests = 0;
        var (client, signal) = Client(o => o.MaxRetries = 2);
        using var _ = client;
        await using var server = await StartAsync(int.MaxValue, () => Interlocked.Increment(ref requests), signal.WaitAsync);
        var collection = new TaxiiCollection(new Uri(server.BaseUrl, "api1/"), TaxiiVersion.V21, "c1", "C", null, null, true, false, []);
        var pages = new List<PageSnapshot>();

        var read = () => client.ReadAllAsync(collection, new TaxiiObjectsQuery(), pages);

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain("connection broke").And.Contain("/api1/collections/c1/objects/");
        pages.Should().BeEmpty();
        requests.Should().Be(3, "one read and min(MaxRetries, 3) = 2 re-reads");
    }

    /// <summary>Client-side handler that releases the server once response headers reached the client.</summary>
    private sealed class HeadersSignal : DelegatingHandler
    {
        private readonly SemaphoreSlim _received = new(0);

        public async Task WaitAsync()
        {
            if (!await _received.WaitAsync(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("The client never received the response headers.");
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            _received.Release();
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _received.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
