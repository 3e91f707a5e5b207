using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii1.Http;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

public sealed class Taxii1HttpHandlerFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("taxii1-certs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadClientCertificate_PemWithSeparateKey_HasPrivateKey()
    {
        using var certificate = CreateCertificate();
        var certPath = Path.Combine(_directory, "client.crt");
        var keyPath = Path.Combine(_directory, "client.key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var loaded = Taxii1HttpHandlerFactory.LoadClientCertificate(new ClientTlsOptions { CertificatePath = certPath, KeyPath = keyPath });

        loaded.HasPrivateKey.Should().BeTrue();
        loaded.Thumbprint.Should().Be(certificate.Thumbprint);
    }

    [Fact]
    public void LoadClientCertificate_PemWithKeyInSameFile_HasPrivateKey()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "client.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var loaded = Taxii1HttpHandlerFactory.LoadClientCertificate(new ClientTlsOptions { CertificatePath = path });

        loaded.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void LoadClientCertificate_PfxWithPassword_HasPrivateKey()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "client.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-pass"));

        using var loaded = Taxii1HttpHandlerFactory.LoadClientCertificate(new ClientTlsOptions { CertificatePath = path, CertificatePassword = "pfx-pass" });

        loaded.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void Create_CertificateAndNoVerification_ConfiguresTls()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(_directory, "client.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-pass"));

        using var verifying = Taxii1HttpHandlerFactory.Create(ClientDefaults.Apply(new Taxii1ClientOptions()));
        using var handler = Taxii1HttpHandlerFactory.Create(new Taxii1ClientOptions { Tls = { CertificatePath = path, CertificatePassword = "pfx-pass", VerifySsl = false } });

        verifying.SslOptions.RemoteCertificateValidationCallback.Should().BeNull("the platform's validation applies by default");
        (verifying.SslOptions.ClientCertificates?.Count ?? 0).Should().Be(0);
        handler.SslOptions.ClientCertificates!.Count.Should().Be(1);
        handler.SslOptions.RemoteCertificateValidationCallback.Should().NotBeNull();
    }

    /// <summary>The TLS options are the TAXII 2 client's too: a CA bundle replaces the system store for the server's chain.</summary>
    [Fact]
    public void Create_CaBundle_ValidatesTheServerAgainstIt()
    {
        using var ca = CreateCertificate();
        var path = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(path, ca.ExportCertificatePem());

        using var handler = Taxii1HttpHandlerFactory.Create(new Taxii1ClientOptions { Tls = { VerifySsl = true, CaBundlePath = path } });

        handler.SslOptions.RemoteCertificateValidationCallback.Should().NotBeNull("the bundle's roots decide, not the system store");
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=taxii-client", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
