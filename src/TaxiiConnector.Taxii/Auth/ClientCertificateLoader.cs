using System.Security.Cryptography.X509Certificates;

namespace TaxiiConnector.Taxii.Auth;

/// <summary>
/// Loads an mTLS client certificate: a PEM file holding certificate and key, a PEM certificate with a separate PEM key
/// (optionally encrypted), or a PKCS#12/PFX file with its password.
/// </summary>
public static class ClientCertificateLoader
{
    public static X509Certificate2 Load(string certificatePath, string? keyPath = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        if (!File.Exists(certificatePath))
        {
            throw new FileNotFoundException($"The client certificate file {certificatePath} does not exist.", certificatePath);
        }

        if (!string.IsNullOrWhiteSpace(keyPath) && !File.Exists(keyPath))
        {
            throw new FileNotFoundException($"The client key file {keyPath} does not exist.", keyPath);
        }

        if (!IsPem(certificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        }

        var key = string.IsNullOrWhiteSpace(keyPath) ? null : keyPath;
        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, key)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, key);
        if (!pem.HasPrivateKey)
        {
            throw new InvalidOperationException($"The client certificate {certificatePath} has no private key: add it to the file or set the key path.");
        }

        // A PEM key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static bool IsPem(string path)
    {
        Span<byte> head = stackalloc byte[512];
        using var file = File.OpenRead(path);
        var read = file.Read(head);
        return System.Text.Encoding.ASCII.GetString(head[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
