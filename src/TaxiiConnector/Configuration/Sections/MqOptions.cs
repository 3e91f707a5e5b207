using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.OpenCti;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>
/// RabbitMQ overrides (<c>mq.*</c>, <c>MQ_*</c>, as pycti): each one set replaces the value OpenCTI returns at
/// registration; unset keeps the platform's.
/// </summary>
public sealed class MqOptions() : ConfigSection<MqOptions>("mq")
{
    [Setting("host", "RabbitMQ host (unset: the platform's).", Python = true), Configures<AmqpConnectionOverrides>] public string? Host { get; set; }

    [Setting("port", "RabbitMQ port (unset: the platform's, usually 5672).", Python = true), Bounds(1, 65535), Configures<AmqpConnectionOverrides>] public int? Port { get; set; }

    [Setting("vhost", "RabbitMQ virtual host (unset: the platform's, usually /).", Python = true, Verbatim = true), Configures<AmqpConnectionOverrides>(nameof(AmqpConnectionOverrides.VHost))] public string? Vhost { get; set; }

    /// <summary>Null: keep the platform's setting.</summary>
    [Setting("use_ssl", "Use TLS to RabbitMQ (unset: the platform's).", Python = true), Configures<AmqpConnectionOverrides>] public bool? UseSsl { get; set; }

    [Setting("user", "RabbitMQ user (unset: the platform's).", Python = true), Configures<AmqpConnectionOverrides>] public string? User { get; set; }

    [Setting("pass", "RabbitMQ password (unset: the platform's).", Python = true, Verbatim = true), Secret, Configures<AmqpConnectionOverrides>(nameof(AmqpConnectionOverrides.Pass))] public string? Password { get; set; }

    [Setting("use_ssl_ca", "Path of a PEM CA bundle for the broker's certificate.", Python = true), ExistingFile, Configures<AmqpConnectionOverrides>] public string? SslCaPath { get; set; }

    [Setting("use_ssl_cert", "Path of a PEM client certificate.", Python = true), ExistingFile, Configures<AmqpConnectionOverrides>] public string? SslCertPath { get; set; }

    [Setting("use_ssl_key", "Path of the client certificate's PEM key.", Python = true), ExistingFile, Configures<AmqpConnectionOverrides>] public string? SslKeyPath { get; set; }

    [Setting("use_ssl_passphrase", "Passphrase of the client key.", Python = true, Verbatim = true), Secret, Configures<AmqpConnectionOverrides>] public string? SslPassphrase { get; set; }

    [Setting("use_ssl_reject_unauthorized", "Verify the broker's certificate (pycti's default is false; ours is true).", Python = true), Configures<AmqpConnectionOverrides>] public bool SslRejectUnauthorized { get; set; } = true;

    [Setting("publish_window", "How many published messages may wait for the broker's confirm at once."), Bounds(1, 65_535), Configures<OpenCtiClientOptions>(nameof(OpenCtiClientOptions.AmqpMaxInFlight))] public int PublishWindow { get; set; } = 512;

    [Setting("publish_retry_attempts", "Retries of a transient publish failure (lost connection, nack, unroutable) per bundle."), Bounds(0, 1000), Configures<OpenCtiClientOptions>(nameof(OpenCtiClientOptions.AmqpRetryAttempts))] public int PublishRetryAttempts { get; set; } = 20;

    [Setting("publish_timeout", "The longest one bundle's publishing may take, retries included (ISO-8601)."), Configures<OpenCtiClientOptions>(nameof(OpenCtiClientOptions.AmqpPublishTimeout))] public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromMinutes(10);

    protected override void Check(ConfigValidationContext context)
    {
        if ((SslCertPath is null) != (SslKeyPath is null))
        {
            context.AddProblem(Key(SslCertPath is null ? nameof(SslCertPath) : nameof(SslKeyPath)), "the client certificate and its key are set together");
        }
    }
}
