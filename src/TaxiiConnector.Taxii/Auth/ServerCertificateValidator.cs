using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TaxiiConnector.Taxii.Auth;

/// <summary>Validates a server certificate against a private CA bundle instead of the system trust store.</summary>
public sealed class ServerCertificateValidator
{
    private readonly X509Certificate2Collection _roots;

    public ServerCertificateValidator(X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0)
        {
            throw new ArgumentException("The CA bundle holds no certificate.", nameof(roots));
        }

        _roots = roots;
    }

    public static ServerCertificateValidator FromPemFile(string caBundlePath)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caBundlePath);
        return new ServerCertificateValidator(roots);
    }

    public bool Validate(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
