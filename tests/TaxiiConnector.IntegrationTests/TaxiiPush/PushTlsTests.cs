using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TaxiiConnector.IntegrationTests.Infrastructure;
using static TaxiiConnector.IntegrationTests.TaxiiPush.PushConnector;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>
/// HTTPS from configuration alone: <c>TAXII_PUSH_LISTEN_URL=https://...</c> with a PEM certificate and key
/// (<c>TAXII_PUSH_CERT_PATH</c>, <c>TAXII_PUSH_KEY_PATH</c>) or a PFX with its password.
/// </summary>
public sealed class PushTlsTests
{
    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task AddObjects_HttpsFromConfiguredCertificate_AcceptedOverTls(string format)
    {
        using var files = new TempDirectory();
        using var certificate = CreateSelfSigned();
        var settings = new List<(string, string?)> { ("TAXII_PUSH_LISTEN_URL", "https://127.0.0.1:0") };
        if (format == "pem")
        {
            await File.WriteAllTextAsync(files.Combine("push.crt"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(files.Combine("push.key"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            settings.Add(("TAXII_PUSH_CERT_PATH", files.Combine("push.crt")));
            settings.Add(("TAXII_PUSH_KEY_PATH", files.Combine("push.key")));
        }
        else
        {
            await File.WriteAllBytesAsync(files.Combine("push.pfx"), certificate.Export(X509ContentType.Pkcs12, "pfx-pass"));
            settings.Add(("TAXII_PUSH_CERT_PATH", files.Combine("push.pfx")));
            settings.Add(("TAXII_PUSH_CERT_PASSWORD", "pfx-pass"));
        }

        await using var connector = await StartAsync([.. settings]);
        using var handler = new HttpClientHandler
        {
            // Trust exactly the configured certificate, nothing else.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };

        using var response = await http.SendAsync(PushHttp.Post(connector.Endpoint.GetObjectsUrl(CollectionA),
            PushEnvelopes.Utf8(PushEnvelopes.Indicators(2)), PushHttp.Basic("alice", AlicePassword)));

        connector.Endpoint.BaseUrl.Scheme.Should().Be("https");
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => connector.Sink.Objects.Count(o => o.GetProperty("type").GetString() == "indicator") == 2, "the pushed objects reached the sink");
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
