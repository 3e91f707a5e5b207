using System.Net;
using System.Security.Cryptography.X509Certificates;

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

        if (!string.IsNullOrWhiteSpace(options.CertPath))
        {
            handler.SslOptions.ClientCertificates = [LoadClientCertificate(options)];
        }

        if (!options.VerifySsl)
        {
            // The operator switched verification off on purpose (self-signed ISAC servers); the host warns at start.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }

    /// <summary>PFX/PKCS#12 (by extension), or PEM with the key in the same file or in <see cref="Taxii1ClientOptions.KeyPath"/>.</summary>
    public static X509Certificate2 LoadClientCertificate(Taxii1ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certPath = options.CertPath ?? throw new ArgumentException("No certificate path.", nameof(options));
        var extension = Path.GetExtension(certPath);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certPath, options.CertPassword);
        }

        var keyPath = string.IsNullOrWhiteSpace(options.KeyPath) ? null : options.KeyPath;
        return string.IsNullOrEmpty(options.CertPassword)
            ? X509Certificate2.CreateFromPemFile(certPath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certPath, options.CertPassword, keyPath);
    }
}
