namespace TaxiiConnector.Taxii.Auth;

/// <summary>
/// The TLS side of a TAXII client (1.1 and 2.x alike): the certificate it presents for mTLS and how it checks the
/// server's. The host configures every value, so none has a default here.
/// </summary>
public sealed class ClientTlsOptions
{
    /// <summary>Client certificate for mTLS: a PEM file with certificate and key, a PEM certificate with <see cref="KeyPath"/>, or a PFX/PKCS#12.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PFX, or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>False disables server certificate validation (the host warns at start).</summary>
    public bool VerifySsl { get; set; }

    /// <summary>A PEM bundle of CA certificates the server chain must lead to (instead of the system store).</summary>
    public string? CaBundlePath { get; set; }
}
