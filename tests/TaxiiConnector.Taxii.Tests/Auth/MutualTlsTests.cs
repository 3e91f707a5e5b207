using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Auth;

/// <summary>Real TLS handshakes against Kestrel on 127.0.0.1 that requires a client certificate.</summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private KestrelTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await KestrelTestServer.StartAsync(
            async context =>
            {
                // The server names the client certificate it received, so the test proves which one was presented.
                var subject = context.Connection.ClientCertificate?.Subject ?? "none";
                context.Response.ContentType = Stix.Taxii21;
                await context.Response.WriteAsync($$"""{"title":"{{subject}}"}""");
            },
            _certificates.Server,
            requireClientCertificate: true);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
    }

    private async Task<string?> DiscoverTitleAsync(Action<Taxii2ClientOptions> configure)
    {
        using var client = new TestClient(o =>
        {
            o.MaxRetries = 0;
            configure(o);
        });
        var discovery = await client.RunAsync(() => client.Client.DiscoverAsync(new Uri(_server.BaseUrl, "taxii2/")));
        return discovery.Title;
    }

    [Fact]
    public async Task DiscoverAsync_PemWithCertificateAndKey_PresentsClientCertificate()
    {
        var title = await DiscoverTitleAsync(o => (o.Tls.CertificatePath, o.Tls.CaBundlePath) = (_certificates.ClientCombinedPemPath, _certificates.CaBundlePath));

        title.Should().Be(TestCertificates.ClientSubject);
    }

    [Fact]
    public async Task DiscoverAsync_PemCertificateWithSeparateKeyFile_PresentsClientCertificate()
    {
        var title = await DiscoverTitleAsync(o =>
            (o.Tls.CertificatePath, o.Tls.KeyPath, o.Tls.CaBundlePath) = (_certificates.ClientCertOnlyPemPath, _certificates.ClientKeyPemPath, _certificates.CaBundlePath));

        title.Should().Be(TestCertificates.ClientSubject);
    }

    [Fact]
    public async Task DiscoverAsync_PfxWithPassword_PresentsClientCertificate()
    {
        var title = await DiscoverTitleAsync(o =>
            (o.Tls.CertificatePath, o.Tls.CertificatePassword, o.Tls.CaBundlePath) = (_certificates.ClientPfxPath, TestCertificates.PfxPassword, _certificates.CaBundlePath));

        title.Should().Be(TestCertificates.ClientSubject);
    }

    [Fact]
    public async Task DiscoverAsync_NoClientCertificate_FailsTheHandshake()
    {
        var act = () => DiscoverTitleAsync(o => o.Tls.CaBundlePath = _certificates.CaBundlePath);

        await act.Should().ThrowAsync<TaxiiException>();
    }

    [Fact]
    public async Task DiscoverAsync_ServerChainNotFromTheConfiguredCaBundle_IsRejected()
    {
        var act = () => DiscoverTitleAsync(o => (o.Tls.CertificatePath, o.Tls.CaBundlePath) = (_certificates.ClientCombinedPemPath, _certificates.OtherCaBundlePath));

        (await act.Should().ThrowAsync<TaxiiException>()).Which.Message.Should().Contain(_server.BaseUrl.Authority);
    }

    [Fact]
    public async Task DiscoverAsync_SystemTrustStoreOnly_RejectsThePrivateCa()
    {
        var act = () => DiscoverTitleAsync(o => o.Tls.CertificatePath = _certificates.ClientCombinedPemPath);

        await act.Should().ThrowAsync<TaxiiException>();
    }

    [Fact]
    public async Task DiscoverAsync_VerifySslFalse_AcceptsTheServerAndWarnsLoudly()
    {
        using var client = new TestClient(o => (o.MaxRetries, o.Tls.VerifySsl, o.Tls.CertificatePath) = (0, false, _certificates.ClientCombinedPemPath));

        var discovery = await client.RunAsync(() => client.Client.DiscoverAsync(new Uri(_server.BaseUrl, "taxii2/")));
        var another = client.Services.GetRequiredService<Taxii2Client>();
        await client.RunAsync(() => another.DiscoverAsync(new Uri(_server.BaseUrl, "taxii2/")));

        discovery.Title.Should().Be(TestCertificates.ClientSubject);
        client.Logs.Lines.Should().ContainSingle(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("validation is DISABLED", StringComparison.Ordinal));
    }
}
