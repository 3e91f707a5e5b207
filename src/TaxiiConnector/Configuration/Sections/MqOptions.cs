namespace TaxiiConnector.Configuration.Sections;

/// <summary>
/// RabbitMQ overrides (<c>mq.*</c>, <c>MQ_*</c>, as pycti): each one set replaces the value OpenCTI returns at
/// registration; unset keeps the platform's.
/// </summary>
public sealed class MqOptions : IConfigSection<MqOptions>
{
    public const string Section = "mq";

    public static readonly ConfigKey HostKey = Python("host", "", "RabbitMQ host (unset: the platform's).");
    public static readonly ConfigKey PortKey = Python("port", "", "RabbitMQ port (unset: the platform's, usually 5672).");
    public static readonly ConfigKey VhostKey = Python("vhost", "", "RabbitMQ virtual host (unset: the platform's, usually /).");
    public static readonly ConfigKey UseSslKey = Python("use_ssl", "", "Use TLS to RabbitMQ (unset: the platform's).");
    public static readonly ConfigKey UserKey = Python("user", "", "RabbitMQ user (unset: the platform's).");
    public static readonly ConfigKey PassKey = Python("pass", "", "RabbitMQ password (unset: the platform's).", secret: true);
    public static readonly ConfigKey UseSslCaKey = Python("use_ssl_ca", "", "Path of a PEM CA bundle for the broker's certificate.");
    public static readonly ConfigKey UseSslCertKey = Python("use_ssl_cert", "", "Path of a PEM client certificate.");
    public static readonly ConfigKey UseSslKeyKey = Python("use_ssl_key", "", "Path of the client certificate's PEM key.");
    public static readonly ConfigKey UseSslPassphraseKey = Python("use_ssl_passphrase", "", "Passphrase of the client key.", secret: true);
    public static readonly ConfigKey UseSslRejectUnauthorizedKey = Python("use_ssl_reject_unauthorized", "true", "Verify the broker's certificate (pycti's default is false; ours is true).");
    public static readonly ConfigKey PublishWindowKey = Ours("publish_window", "512", "How many published messages may wait for the broker's confirm at once.");
    public static readonly ConfigKey PublishRetryAttemptsKey = Ours("publish_retry_attempts", "20", "Retries of a transient publish failure (lost connection, nack, unroutable) per bundle.");
    public static readonly ConfigKey PublishTimeoutKey = Ours("publish_timeout", "PT10M", "The longest one bundle's publishing may take, retries included (ISO-8601).");

    public static string SectionName => Section;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        HostKey, PortKey, VhostKey, UseSslKey, UserKey, PassKey, UseSslCaKey, UseSslCertKey, UseSslKeyKey,
        UseSslPassphraseKey, UseSslRejectUnauthorizedKey, PublishWindowKey, PublishRetryAttemptsKey, PublishTimeoutKey,
    ];

    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? Vhost { get; set; }

    /// <summary>Null: keep the platform's setting.</summary>
    public bool? UseSsl { get; set; }

    public string? User { get; set; }
    public string? Password { get; set; }
    public string? SslCaPath { get; set; }
    public string? SslCertPath { get; set; }
    public string? SslKeyPath { get; set; }
    public string? SslPassphrase { get; set; }
    public bool SslRejectUnauthorized { get; set; } = true;
    public int PublishWindow { get; set; } = 512;
    public int PublishRetryAttempts { get; set; } = 20;
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Host = reader.GetString(HostKey);
        Port = reader.GetOptionalInt(PortKey, 1, 65535);
        Vhost = reader.GetRawValue(VhostKey);
        UseSsl = reader.IsSet(UseSslKey) ? reader.GetBool(UseSslKey) : null;
        User = reader.GetString(UserKey);
        Password = reader.GetRawValue(PassKey);
        SslCaPath = reader.GetFilePath(UseSslCaKey);
        SslCertPath = reader.GetFilePath(UseSslCertKey);
        SslKeyPath = reader.GetFilePath(UseSslKeyKey);
        SslPassphrase = reader.GetRawValue(UseSslPassphraseKey);
        SslRejectUnauthorized = reader.GetBool(UseSslRejectUnauthorizedKey);
        PublishWindow = reader.GetInt(PublishWindowKey, 1, 65_535);
        PublishRetryAttempts = reader.GetInt(PublishRetryAttemptsKey, 0, 1000);
        PublishTimeout = reader.GetDuration(PublishTimeoutKey) ?? TimeSpan.FromMinutes(10);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((SslCertPath is null) != (SslKeyPath is null))
        {
            context.AddProblem(SslCertPath is null ? UseSslCertKey : UseSslKeyKey, "the client certificate and its key are set together");
        }
    }

    private static ConfigKey Ours(string name, string defaultValue, string description) => new(Section, name, defaultValue, description);

    private static ConfigKey Python(string name, string defaultValue, string description, bool secret = false) =>
        new(Section, name, defaultValue, description) { IsPythonKey = true, IsSecret = secret };
}
