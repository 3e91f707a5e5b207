using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Tests.Platform;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

public sealed class OpenCtiApiSinkTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();

    [Fact]
    public async Task PushAsync_SendsStixBundlePushWithBundleTextAndWorkId()
    {
        using var services = _platform.BuildServices();
        var sink = services.GetRequiredService<IBundleSink>();
        using var bundle = Bundles.Sample();

        await sink.PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);

        sink.Should().BeOfType<OpenCtiApiSink>();
        sink.Name.Should().Be("api");
        var variables = FakeOpenCtiPlatform.Variables(_platform.Requests(FakeOpenCtiPlatform.BundlePush).Single());
        variables.GetProperty("connectorId").GetString().Should().Be(FakeOpenCtiPlatform.ConnectorId);
        variables.GetProperty("bundle").GetString().Should().Be(Encoding.UTF8.GetString(bundle.Json.Span));
        variables.GetProperty("work_id").GetString().Should().Be("work-1");
        _platform.Requests(FakeOpenCtiPlatform.AddExpectations).Should().BeEmpty("in API mode the platform's worker adds them");
    }

    [Fact]
    public async Task PushAsync_BodyOnTheWire_IsPyctisJsonWithContentLength()
    {
        // pycti's send_bundle_to_api posts requests' json= body (BundlePushRequestContentTests has the golden bytes);
        // what reaches the platform is that body, with its length announced up front (not chunked).
        using var services = _platform.BuildServices();
        using var bundle = Bundles.Sample();

        await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);

        var request = _platform.Requests(FakeOpenCtiPlatform.BundlePush).Single().RequestMessage;
        using var expected = new BundlePushRequestContent(OpenCtiDocuments.StixBundlePush, FakeOpenCtiPlatform.ConnectorId, bundle.Json, "work-1");
        request.Body.Should().Be(await expected.ReadAsStringAsync());
        request.Body.Should().StartWith("{\"query\": \"\\n");
        request.Headers!["Content-Length"].Should().Equal(Encoding.UTF8.GetByteCount(request.Body!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PushAsync_BundleOverMaxBytes_SendsSeveralSmallerBundles()
    {
        using var services = _platform.BuildServices(o => o.MaxBundleBytes = 1024);
        using var bundle = Bundles.Sample();

        await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext(null, "taxii2", "c1"), CancellationToken.None);

        var pushes = _platform.Requests(FakeOpenCtiPlatform.BundlePush);
        pushes.Should().HaveCountGreaterThan(1);
        pushes.Select(p => FakeOpenCtiPlatform.Variables(p).GetProperty("bundle").GetString()!.Length).Should().OnlyContain(length => length <= 1024);
    }

    [Fact]
    public async Task PushAsync_PlatformAnswersFalse_Throws()
    {
        _platform.RespondData(FakeOpenCtiPlatform.BundlePush, """{"stixBundlePush":false}""", priority: 1);
        using var services = _platform.BuildServices();
        using var bundle = Bundles.Sample();

        var act = async () => await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext(null, "s", "c"), CancellationToken.None);

        await act.Should().ThrowAsync<OpenCtiHttpException>();
    }

    public void Dispose() => _platform.Dispose();
}
