using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>
/// RabbitMQ overrides (<c>mq.*</c>, <c>MQ_*</c>, as pycti): each one set replaces the value OpenCTI returns at
/// registration; unset keeps the platform's.
/// </summary>
public sealed class MqOptions : IConfigSection<MqOptions>
{
    public const string Section = "mq";

    public static string SectionName => Section;

    [Setting("host", "RabbitMQ host (unset: the platform's).", Python = true)]
    public string? Host { get; set; }

    [Setting("port", "RabbitMQ port (unset: the platform's, usually 5672).", Python = true)]
    [Bounds(1, 65535)]
    public int? Port { get; set; }

    [Setting("vhost", "RabbitMQ virtual host (unset: the platform's, usually /).", Python = true, Verbatim = true)]
    public string? Vhost { get; set; }

    /// <summary>Null: keep the platform's setting.</summary>
    [Setting("use_ssl", "Use TLS to RabbitMQ (unset: the platform's).", Python = true)]
    public bool? UseSsl { get; set; }

    [Setting("user", "RabbitMQ user (unset: the platform's).", Python = true)]
    public string? User { get; set; }

    [Setting("pass", "RabbitMQ password (unset: the platform's).", Python = true, Verbatim = true)]
    [Secret]
    public string? Password { get; set; }

    [Setting("use_ssl_ca", "Path of a PEM CA bundle for the broker's certificate.", Python = true)]
    [ExistingFile]
    public string? SslCaPath { get; set; }

    [Setting("use_ssl_cert", "Path of a PEM client certificate.", Python = true)]
    [ExistingFile]
    public string? SslCertPath { get; set; }

    [Setting("use_ssl_key", "Path of the client certificate's PEM key.", Python = true)]
    [ExistingFile]
    public string? SslKeyPath { get; set; }

    [Setting("use_ssl_passphrase", "Passphrase of the client key.", Python = true, Verbatim = true)]
    [Secret]
    public string? SslPassphrase { get; set; }

    [Setting("use_ssl_reject_unauthorized", "Verify the broker's certificate (pycti's default is false; ours is true).", Python = true)]
    public bool SslRejectUnauthorized { get; set; } = true;

    [Setting("publish_window", "How many published messages may wait for the broker's confirm at once.")]
    [Bounds(1, 65_535)]
    public int PublishWindow { get; set; } = 512;

    [Setting("publish_retry_attempts", "Retries of a transient publish failure (lost connection, nack, unroutable) per bundle.")]
    [Bounds(0, 1000)]
    public int PublishRetryAttempts { get; set; } = 20;

    [Setting("publish_timeout", "The longest one bundle's publishing may take, retries included (ISO-8601).")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The key the property named <paramref name="property"/> declares (<c>nameof(...)</c>).</summary>
    public static ConfigKey Key(string property) => SectionSettings.Of<MqOptions>().Key(property);

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((SslCertPath is null) != (SslKeyPath is null))
        {
            context.AddProblem(Key(SslCertPath is null ? nameof(SslCertPath) : nameof(SslKeyPath)), "the client certificate and its key are set together");
        }
    }
}
