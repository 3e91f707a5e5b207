using System.ComponentModel.DataAnnotations;

namespace TaxiiConnector.OpenCti;

/// <summary>How bundles reach the platform (<c>CONNECTOR_QUEUE_PROTOCOL</c>).</summary>
public enum QueueProtocol
{
    /// <summary>Publish to the platform's RabbitMQ push queue (pycti's default).</summary>
    Amqp,

    /// <summary>GraphQL <c>stixBundlePush</c>: no broker access needed.</summary>
    Api,
}

/// <summary>
/// Everything the OpenCTI integration needs, configured by the host from <c>opencti.*</c>, <c>connector.*</c> and
/// <c>mq.*</c>. The host configures every value it declares a setting for, so those have no default here (the validator
/// refuses the zero values that cannot work); the defaults below are for what the host does not expose.
/// </summary>
public sealed class OpenCtiClientOptions
{
    /// <summary><c>OPENCTI_URL</c>: the platform's base URL (the client posts to <c>{Url}/graphql</c>).</summary>
    public Uri? Url { get; set; }

    /// <summary><c>OPENCTI_TOKEN</c>. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary><c>OPENCTI_SSL_VERIFY</c>: false accepts any certificate of the platform.</summary>
    public bool SslVerify { get; set; }

    /// <summary><c>OPENCTI_CUSTOM_HEADERS</c>, written <c>h1:v1;h2:v2</c> (split on <c>;</c>, then on the first <c>:</c>).</summary>
    public string? CustomHeaders { get; set; }

    /// <summary>How long one GraphQL attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Retries of a GraphQL call (exponential back-off with jitter): on network errors, timeouts, 408, 429 and 5xx for the
    /// calls that are safe to repeat; only when the connection could not be opened for the ones that count or create.
    /// </summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First back-off delay of the GraphQL retries.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Heartbeat period (<c>connector.ping_interval</c>).</summary>
    public TimeSpan PingInterval { get; set; }

    /// <summary><c>CONNECTOR_QUEUE_THRESHOLD</c> in MB: runs are skipped while the push queue holds at least this much.</summary>
    [Range(0, double.MaxValue)]
    public double QueueThresholdMb { get; set; }

    /// <summary><c>CONNECTOR_QUEUE_PROTOCOL</c>: <c>amqp</c> (default) or <c>api</c>.</summary>
    public QueueProtocol QueueProtocol { get; set; }

    /// <summary><c>CONNECTOR_ID</c>: a UUID, the connector's internal id on the platform.</summary>
    public string? ConnectorId { get; set; }

    /// <summary><c>CONNECTOR_NAME</c> (at least 2 characters).</summary>
    public string? ConnectorName { get; set; }

    /// <summary><c>CONNECTOR_TYPE</c>; always <c>EXTERNAL_IMPORT</c> for this connector.</summary>
    public string ConnectorType { get; set; } = string.Empty;

    /// <summary><c>CONNECTOR_SCOPE</c>, already split and trimmed.</summary>
    public IList<string> ConnectorScope { get; } = new List<string>();

    /// <summary><c>CONNECTOR_AUTO</c>.</summary>
    public bool ConnectorAuto { get; set; }

    /// <summary><c>CONNECTOR_RUN_AND_TERMINATE</c> (or a period of 0): reported in <c>connectorInfo</c>; no ping loop.</summary>
    public bool RunAndTerminate { get; set; }

    /// <summary>
    /// Largest bundle sent in one <c>stixBundlePush</c> or one AMQP message, in bytes. The platform's API body limit is
    /// 50 MB (<c>app:max_payload_body_size</c>); RabbitMQ 4 refuses messages above 16 MiB by default.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int MaxBundleBytes { get; set; }

    /// <summary>Publisher-confirm waits and broker reconnects back off from this delay (doubling, capped at <see cref="AmqpMaxRetryDelay"/>).</summary>
    public TimeSpan AmqpRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the AMQP back-off. pycti waits a flat 10 s.</summary>
    public TimeSpan AmqpMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The sliding window of the AMQP channel: how many messages may be published and still waiting for the broker's
    /// confirm at once. Each confirm lets the next message go, so the broker never waits for a batch to drain.
    /// </summary>
    [Range(1, 65_535)]
    public int AmqpMaxInFlight { get; set; }

    /// <summary>Retries of a transient AMQP failure (lost connection, nack, unroutable return) for one bundle; 0: none.</summary>
    [Range(0, 1000)]
    public int AmqpRetryAttempts { get; set; }

    /// <summary>The longest one bundle's publishing may take, retries included, before the push fails.</summary>
    public TimeSpan AmqpPublishTimeout { get; set; }

    /// <summary><c>MQ_*</c> overrides of the broker connection the platform returned at registration.</summary>
    public AmqpConnectionOverrides Mq { get; } = new();

    /// <summary>
    /// Dry run: when set, bundles go to this directory (<c>DirectorySink</c>), state to a file, and no platform is contacted.
    /// </summary>
    public string? DryRunOutputDirectory { get; set; }

    /// <summary><c>state.path</c>: the state file of a dry run (default <c>state.json</c> in the output directory).</summary>
    public string? StateFilePath { get; set; }

    /// <summary>The connector's version, sent in the User-Agent and (pycti 7 platforms) at registration.</summary>
    public string Version { get; set; } = typeof(OpenCtiClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

/// <summary><c>MQ_HOST</c>, <c>MQ_PORT</c>, ... (YAML <c>mq.*</c>): replace what registration returned. Null keeps the platform's value.</summary>
public sealed class AmqpConnectionOverrides
{
    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? VHost { get; set; }

    public bool? UseSsl { get; set; }

    public string? User { get; set; }

    /// <summary>Never logged.</summary>
    public string? Pass { get; set; }

    /// <summary><c>MQ_USE_SSL_CA</c>: a PEM file of CA certificates that signs the broker's certificate.</summary>
    public string? SslCaPath { get; set; }

    /// <summary><c>MQ_USE_SSL_CERT</c>: client certificate (PEM).</summary>
    public string? SslCertPath { get; set; }

    /// <summary><c>MQ_USE_SSL_KEY</c>: client key (PEM).</summary>
    public string? SslKeyPath { get; set; }

    /// <summary><c>MQ_USE_SSL_PASSPHRASE</c>. Never logged.</summary>
    public string? SslPassphrase { get; set; }

    /// <summary>
    /// <c>MQ_USE_SSL_REJECT_UNAUTHORIZED</c>. pycti defaults to false (no verification); so do we for drop-in compatibility,
    /// with a warning at connect time.
    /// </summary>
    public bool SslRejectUnauthorized { get; set; }
}
