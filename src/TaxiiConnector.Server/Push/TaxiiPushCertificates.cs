using System.Security.Cryptography.X509Certificates;

namespace TaxiiConnector.Server.Push;

/// <summary>Loads the push endpoint's TLS certificate from the files an operator has: PEM (certificate + key) or PFX.</summary>
public static class TaxiiPushCertificates
{
    /// <summary>
    /// A <c>.pfx</c>/<c>.p12</c> path loads as PKCS#12 with <paramref name="passwordOrKeyPath"/> as its password; anything
    /// else loads as a PEM certificate with its private key in <paramref name="passwordOrKeyPath"/> (or in the same file).
    /// </summary>
    public static X509Certificate2 Load(string certificatePath, string? passwordOrKeyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        var extension = Path.GetExtension(certificatePath);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, passwordOrKeyPath);
        }

        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrEmpty(passwordOrKeyPath) ? null : passwordOrKeyPath);

        // Kestrel on some platforms cannot use an ephemeral PEM key; a PKCS#12 round trip gives a persisted one.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
