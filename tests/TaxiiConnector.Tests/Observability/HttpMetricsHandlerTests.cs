using System.Net;
using TaxiiConnector.Observability;

namespace TaxiiConnector.Tests.Observability;

public sealed class HttpMetricsHandlerTests
{
    [Fact]
    public async Task SendAsync_SameRequestSentAgain_CountsEachAttemptAndOneRetry()
    {
        var metrics = new ConnectorMetrics(new RunHealthTracker(TimeProvider.System));
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);
        using var invoker = new HttpMessageInvoker(new HttpMetricsHandler(metrics) { InnerHandler = new StubHandler(statuses) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://user:secret@taxii.example.com:8443/api1/collections/?added_after=x");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        var text = await Export(metrics);
        text.Should().Contain("taxii_connector_http_requests_total{host=\"taxii.example.com:8443\",status=\"503\"} 1")
            .And.Contain("taxii_connector_http_requests_total{host=\"taxii.example.com:8443\",status=\"200\"} 1")
            .And.Contain("taxii_connector_http_retries_total{host=\"taxii.example.com:8443\"} 1")
            .And.NotContain("secret").And.NotContain("added_after");
    }

    [Fact]
    public async Task SendAsync_NoResponse_CountsAnErrorStatus()
    {
        var metrics = new ConnectorMetrics(new RunHealthTracker(TimeProvider.System));
        using var invoker = new HttpMessageInvoker(new HttpMetricsHandler(metrics) { InnerHandler = new StubHandler(new Queue<HttpStatusCode>()) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/taxii2/");

        var send = () => invoker.SendAsync(request, CancellationToken.None);

        await send.Should().ThrowAsync<HttpRequestException>();
        (await Export(metrics)).Should().Contain("taxii_connector_http_requests_total{host=\"127.0.0.1:9\",status=\"error\"} 1");
    }

    private static async Task<string> Export(ConnectorMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class StubHandler(Queue<HttpStatusCode> statuses) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            statuses.Count == 0
                ? throw new HttpRequestException("Connection refused")
                : Task.FromResult(new HttpResponseMessage(statuses.Dequeue()));
    }
}
