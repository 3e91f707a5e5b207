using System.Net;
using System.Security.Cryptography.X509Certificates;
using TaxiiConnector.Taxii.Auth;

namespace TaxiiConnector.Taxii.Taxii1.Http;

/// <summary>Builds the primary handler of the TAXII 1.1 <see cref="HttpClient"/>: client certificate (mTLS), TLS checks, gzip.</summary>
public static class Taxii1HttpHandlerFactory
{
    public static SocketsHttpHandler Create(Taxii1ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };

        var tls = options.Tls;
        if (!string.IsNullOrWhiteSpace(tls.CertificatePath))
        {
            handler.SslOptions.ClientCertificates = [LoadClientCertificate(tls)];
        }

        if (!tls.VerifySsl)
        {
            // The operator switched verification off on purpose (self-signed ISAC servers); the host warns at start.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!string.IsNullOrWhiteSpace(tls.CaBundlePath))
        {
            var validator = ServerCertificateValidator.FromPemFile(tls.CaBundlePath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>PFX/PKCS#12 (by extension), or PEM with the key in the same file or in <see cref="ClientTlsOptions.KeyPath"/>.</summary>
    public static X509Certificate2 LoadClientCertificate(ClientTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certPath = options.CertificatePath ?? throw new ArgumentException("No certificate path.", nameof(options));
        var extension = Path.GetExtension(certPath);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certPath, options.CertificatePassword);
        }

        var keyPath = string.IsNullOrWhiteSpace(options.KeyPath) ? null : options.KeyPath;
        return string.IsNullOrEmpty(options.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(certPath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certPath, options.CertificatePassword, keyPath);
    }
}
