using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Server.Tests.Push;

public sealed class TaxiiPushTlsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("taxii-push-tls-");

    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task StartAsync_WithCertificateFile_ServesHttpsWithThatCertificate(string format)
    {
        using var issued = CreateSelfSigned();
        var certificatePath = Path.Combine(_directory.FullName, "push." + format);
        string secret;
        if (format == "pfx")
        {
            secret = "pfx-password";
            await File.WriteAllBytesAsync(certificatePath, issued.Export(X509ContentType.Pkcs12, secret));
        }
        else
        {
            secret = Path.Combine(_directory.FullName, "push.key");
            await File.WriteAllTextAsync(certificatePath, issued.ExportCertificatePem());
            await File.WriteAllTextAsync(secret, issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }

        using var certificate = TaxiiPushCertificates.Load(certificatePath, secret);
        await using var host = await TaxiiPushHost.StartAsync(new TaxiiPushHostOptions
        {
            ApiRoot = "push",
            Title = "Push endpoint",
            ApiRootTitle = "Push API root",
            MaxContentLength = 10 * 1024 * 1024,
            SpoolDirectory = Path.Combine(_directory.FullName, "spool-" + format),
            Certificate = certificate,
            Collections = [new TaxiiPushCollection(PushTestServer.Shared, "Shared")],
            Users = [new TaxiiPushUser("partner") { BearerToken = PushTestServer.PartnerToken, Collections = ["*"] }],
        });
        string? seenThumbprint = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            {
                seenThumbprint = presented?.Thumbprint;
                return presented?.Thumbprint == issued.Thumbprint;
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, host.ApiRootUrl);
        request.Headers.TryAddWithoutValidation("Accept", "application/taxii+json;version=2.1");
        request.Headers.Authorization = PushTestServer.Partner;

        using var response = await client.SendAsync(request);

        host.BaseUrl.Scheme.Should().Be("https");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        seenThumbprint.Should().Be(issued.Thumbprint);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
