using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Taxii.Auth;

/// <summary>
/// Builds the socket-level handler: client certificate (mTLS), server certificate policy (system store, a CA bundle, or
/// none), and the default proxy, which honours <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c>.
/// </summary>
public static partial class PrimaryHandlerFactory
{
    public static SocketsHttpHandler Create(Taxii2ClientOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var handler = new SocketsHttpHandler
        {
            // UseProxy stays true and Proxy null: HttpClient.DefaultProxy reads the standard proxy environment variables.
            UseProxy = true,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.AttemptTimeout,
        };
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;

        var tls = options.Tls;
        if (!string.IsNullOrWhiteSpace(tls.CertificatePath))
        {
            var certificate = ClientCertificateLoader.Load(tls.CertificatePath, tls.KeyPath, tls.CertificatePassword);
            handler.SslOptions.ClientCertificates = [certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
            Log.ClientCertificateLoaded(logger, certificate.Subject, certificate.NotAfter);
        }

        if (!tls.VerifySsl)
        {
            Log.CertificateValidationDisabled(logger);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (!string.IsNullOrWhiteSpace(tls.CaBundlePath))
        {
            var validator = ServerCertificateValidator.FromPemFile(tls.CaBundlePath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);
        }

        return handler;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEventIds.CertificateValidationDisabled, EventName = nameof(LogEventIds.CertificateValidationDisabled), Level = LogLevel.Warning,
            Message = "!!! TLS server certificate validation is DISABLED (verify_ssl=false). Any server, including an attacker in the middle, is trusted. Use a CA bundle (ca_path) instead. !!!")]
        public static partial void CertificateValidationDisabled(ILogger logger);

        [LoggerMessage(EventId = LogEventIds.ClientCertificateLoaded, EventName = nameof(LogEventIds.ClientCertificateLoaded), Level = LogLevel.Information,
            Message = "mTLS client certificate loaded: {Subject}, valid until {NotAfter:u}")]
        public static partial void ClientCertificateLoaded(ILogger logger, string subject, DateTime notAfter);
    }
}
