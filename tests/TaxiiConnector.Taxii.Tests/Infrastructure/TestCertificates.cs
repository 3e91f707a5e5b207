using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, written to a temp directory.</summary>
public sealed class TestCertificates : IDisposable
{
    public const string ClientSubject = "CN=taxii-client";
    public const string PfxPassword = "pfx-pass";

    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("taxii-certs-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Taxii Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        Server = Issue("CN=127.0.0.1", now, serverAuth: true);
        Client = Issue(ClientSubject, now, serverAuth: false);

        CaBundlePath = Write("ca.pem", Ca.ExportCertificatePem());
        using (var key = Client.GetECDsaPrivateKey()!)
        {
            ClientCombinedPemPath = Write("client-combined.pem", Client.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
            ClientCertOnlyPemPath = Write("client-cert.pem", Client.ExportCertificatePem());
            ClientKeyPemPath = Write("client-key.pem", key.ExportPkcs8PrivateKeyPem());
        }

        ClientPfxPath = Path.Combine(Directory, "client.pfx");
        File.WriteAllBytes(ClientPfxPath, Client.Export(X509ContentType.Pkcs12, PfxPassword));

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var other = new CertificateRequest("CN=Some Other CA", otherKey, HashAlgorithmName.SHA256);
        other.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = other.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        OtherCaBundlePath = Write("other-ca.pem", otherCa.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaBundlePath { get; }

    public string OtherCaBundlePath { get; }

    public string ClientCombinedPemPath { get; }

    public string ClientCertOnlyPemPath { get; }

    public string ClientKeyPemPath { get; }

    public string ClientPfxPath { get; }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private X509Certificate2 Issue(string subject, DateTimeOffset now, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(Ca, now.AddHours(-1), now.AddDays(10), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives Kestrel and SslStream a key they can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
