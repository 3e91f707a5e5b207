using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RabbitMQ.Client;
using TaxiiConnector.OpenCti.Registration;

namespace TaxiiConnector.OpenCti.Amqp;

/// <summary>
/// The broker connection: what registration returned (<c>config.connection</c>) with the <c>MQ_*</c> overrides applied,
/// TLS included (<c>MQ_USE_SSL_CA</c>, <c>_CERT</c>, <c>_KEY</c>, <c>_PASSPHRASE</c>, <c>_REJECT_UNAUTHORIZED</c>).
/// </summary>
internal static class AmqpConnectionFactoryBuilder
{
    public static AmqpEndpoint Resolve(PlatformQueueConfig platform, AmqpConnectionOverrides overrides) => new(
        overrides.Host ?? platform.Host,
        overrides.Port ?? platform.Port,
        overrides.VHost ?? platform.VHost,
        overrides.UseSsl ?? platform.UseSsl,
        overrides.User ?? platform.User,
        overrides.Pass ?? platform.Pass);

    public static ConnectionFactory Build(AmqpEndpoint endpoint, AmqpConnectionOverrides overrides)
    {
        var factory = new ConnectionFactory
        {
            HostName = endpoint.Host,
            Port = endpoint.Port,
            VirtualHost = endpoint.VHost,
            UserName = endpoint.User,
            Password = endpoint.Pass,

            // The sink reconnects itself, between publishes, so it knows exactly which messages were confirmed.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(30),
            ClientProvidedName = "TaxiiConnector",
        };

        if (endpoint.UseSsl)
        {
            factory.Ssl = BuildSsl(endpoint.Host, overrides);
        }

        return factory;
    }

    private static SslOption BuildSsl(string host, AmqpConnectionOverrides overrides)
    {
        var ssl = new SslOption { Enabled = true, ServerName = host };
        if (overrides.SslCertPath is { Length: > 0 } certPath)
        {
            var certificate = overrides.SslKeyPath is { Length: > 0 } keyPath
                ? string.IsNullOrEmpty(overrides.SslPassphrase)
                    ? X509Certificate2.CreateFromPemFile(certPath, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(certPath, overrides.SslPassphrase, keyPath)
                : X509Certificate2.CreateFromPemFile(certPath);
            ssl.Certs = new X509CertificateCollection { certificate };
        }

        if (!overrides.SslRejectUnauthorized)
        {
            // pycti's default (MQ_USE_SSL_REJECT_UNAUTHORIZED=false): encrypted, not authenticated.
            ssl.AcceptablePolicyErrors = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;
        }
        else if (overrides.SslCaPath is { Length: > 0 } caPath)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caPath);
            ssl.CertificateValidationCallback = (_, certificate, _, errors) => ValidateWithAuthorities(certificate, errors, authorities);
        }

        return ssl;
    }

    private static bool ValidateWithAuthorities(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}

/// <summary>The effective broker endpoint. Never log <see cref="Pass"/>.</summary>
internal sealed record AmqpEndpoint(string Host, int Port, string VHost, bool UseSsl, string User, string Pass)
{
    public override string ToString() => $"amqp{(UseSsl ? "s" : string.Empty)}://{Host}:{Port}/{VHost}";
}
