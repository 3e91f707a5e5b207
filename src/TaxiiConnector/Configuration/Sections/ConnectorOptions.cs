using Cronos;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>The connector itself (<c>connector.*</c>, <c>CONNECTOR_*</c>): identity, schedule, logging, push limits.</summary>
public sealed class ConnectorOptions : IConfigSection<ConnectorOptions>
{
    public const string Section = "connector";
    public const long DefaultMaxBundleBytes = 10 * 1024 * 1024;
    public const string DefaultDataDirectory = "./data";

    public static readonly ConfigKey IdKey = Python("id", "", "A unique UUIDv4 for this connector instance. Required with OpenCTI.");
    public static readonly ConfigKey NameKey = Python("name", "TAXII2", "The connector's name in OpenCTI.");
    public static readonly ConfigKey TypeKey = Python("type", "EXTERNAL_IMPORT", "The connector type; only EXTERNAL_IMPORT is supported.");
    public static readonly ConfigKey ScopeKey = Python("scope", "", "Comma-separated entity types the connector imports (empty: not-applicable, as pycti).");
    public static readonly ConfigKey LogLevelKey = Python("log_level", "error", "debug, info, warn (or warning) or error.");
    public static readonly ConfigKey DurationPeriodKey = Python("duration_period", "PT60M", "ISO-8601 time between the end of one run and the start of the next (PT60M, PT1H30M, P1D); 0 runs once. When set it wins over every source's interval; when unset (delete it from config.yml) the interval of the enabled source applies (taxii2.interval or cyberthreatexchange.interval_hours; the smaller when both are on; taxii2.interval when neither is).");
    public static readonly ConfigKey RunAndTerminateKey = Python("run_and_terminate", "false", "Run once, then exit.");
    public static readonly ConfigKey QueueThresholdKey = Python("queue_threshold", "500", "Skip a run while the connector's OpenCTI queue holds at least this many MB.");
    public static readonly ConfigKey QueueProtocolKey = Python("queue_protocol", "amqp", "How bundles reach OpenCTI: amqp (RabbitMQ, as pycti) or api (GraphQL stixBundlePush).");
    public static readonly ConfigKey ExposeMetricsKey = Python("expose_metrics", "false", "Serve /healthz, /readyz and Prometheus /metrics.");
    public static readonly ConfigKey MetricsPortKey = Python("metrics_port", "9095", "Port of the metrics and health endpoints.");
    public static readonly ConfigKey UpdateExistingDataKey = Python("update_existing_data", "false", "Deprecated in pycti; read and ignored.");
    public static readonly ConfigKey LogFormatKey = Ours("log_format", "text", "text, or json for compact JSON (one object per line).");
    public static readonly ConfigKey ScheduleCronKey = Ours("schedule_cron", "", "A cron expression (UTC; 5 fields, or 6 with seconds) used instead of duration_period.");
    public static readonly ConfigKey MaxBundleBytesKey = Ours("max_bundle_bytes", "10485760", "Largest bundle sent to OpenCTI, in bytes (10 MB).");
    public static readonly ConfigKey ProgressIntervalKey = Ours("progress_interval", "PT30S", "How often a long run logs its progress (ISO-8601).");
    public static readonly ConfigKey PingIntervalKey = Ours("ping_interval", "PT40S", "How often the connector pings OpenCTI with its state (ISO-8601).");
    public static readonly ConfigKey ShutdownTimeoutKey = Ours("shutdown_timeout", "PT30S", "How long a stop (SIGTERM) waits for the current run to cancel (ISO-8601).");
    public static readonly ConfigKey DataDirectoryKey = Ours("data_dir", DefaultDataDirectory, "Directory for everything the connector writes (state file, push spool, dedup database, run reports, held objects). Must be writable.");

    public static readonly IReadOnlyList<string> LogLevels = ["debug", "info", "warn", "warning", "error"];

    public static string SectionName => Section;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        IdKey, NameKey, TypeKey, ScopeKey, LogLevelKey, DurationPeriodKey, RunAndTerminateKey, QueueThresholdKey,
        QueueProtocolKey, ExposeMetricsKey, MetricsPortKey, UpdateExistingDataKey,
        LogFormatKey, ScheduleCronKey, MaxBundleBytesKey, ProgressIntervalKey, PingIntervalKey, ShutdownTimeoutKey,
        DataDirectoryKey,
    ];

    public string? Id { get; set; }
    public string Name { get; set; } = "TAXII2";
    public string Type { get; set; } = "EXTERNAL_IMPORT";
    public IReadOnlyList<string> Scope { get; set; } = [];

    /// <summary>Lower case: <c>debug</c>, <c>info</c>, <c>warn</c>, <c>warning</c> or <c>error</c>.</summary>
    public string LogLevel { get; set; } = "error";

    /// <summary><c>text</c> or <c>json</c>.</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Null when unset (then the sources' legacy intervals apply); <see cref="TimeSpan.Zero"/> for "0".</summary>
    public TimeSpan? DurationPeriod { get; set; }

    public bool RunAndTerminate { get; set; }

    /// <summary>Null when unset; parsed with seconds when it has 6 fields.</summary>
    public CronExpression? ScheduleCron { get; set; }

    public int QueueThresholdMegabytes { get; set; } = 500;

    /// <summary><c>amqp</c> or <c>api</c>.</summary>
    public string QueueProtocol { get; set; } = "amqp";

    public bool ExposeMetrics { get; set; }
    public int MetricsPort { get; set; } = 9095;
    public long MaxBundleBytes { get; set; } = DefaultMaxBundleBytes;
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(40);
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where every file the connector writes goes by default (relative paths resolve from the working directory).</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Id = reader.GetString(IdKey);
        Name = reader.GetString(NameKey) ?? "TAXII2";
        Type = reader.GetString(TypeKey) ?? "EXTERNAL_IMPORT";
        Scope = reader.GetList(ScopeKey);
        LogLevel = reader.GetChoice(LogLevelKey, [.. LogLevels]) ?? "error";
        LogFormat = reader.GetChoice(LogFormatKey, "text", "json") ?? "text";
        DurationPeriod = ReadDurationPeriod(reader);
        RunAndTerminate = reader.GetBool(RunAndTerminateKey);
        ScheduleCron = ReadCron(reader);
        QueueThresholdMegabytes = reader.GetInt(QueueThresholdKey, 1);
        QueueProtocol = reader.GetChoice(QueueProtocolKey, "amqp", "api") ?? "amqp";
        ExposeMetrics = reader.GetBool(ExposeMetricsKey);
        MetricsPort = reader.GetInt(MetricsPortKey, 1, 65535);
        _ = reader.GetBool(UpdateExistingDataKey);
        MaxBundleBytes = reader.GetLong(MaxBundleBytesKey, 64 * 1024, int.MaxValue);
        ProgressInterval = reader.GetDuration(ProgressIntervalKey) ?? TimeSpan.FromSeconds(30);
        PingInterval = reader.GetDuration(PingIntervalKey) ?? TimeSpan.FromSeconds(40);
        ShutdownTimeout = reader.GetDuration(ShutdownTimeoutKey) ?? TimeSpan.FromSeconds(30);
        DataDirectory = reader.GetString(DataDirectoryKey) ?? DefaultDataDirectory;
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Invocation.WithoutPlatform && Id is null)
        {
            context.AddProblem(IdKey, "is required to register with OpenCTI (a UUIDv4)");
        }

        if (!string.Equals(Type, "EXTERNAL_IMPORT", StringComparison.OrdinalIgnoreCase))
        {
            context.AddProblem(TypeKey, $"'{Type}' is not supported: this connector is an EXTERNAL_IMPORT connector");
        }
    }

    private static TimeSpan? ReadDurationPeriod(ConfigSectionReader reader)
    {
        var raw = reader.GetRawValue(DurationPeriodKey)?.Trim();
        if (raw is null)
        {
            return null;
        }

        // pycti: the string "0" means run and terminate.
        if (raw == "0")
        {
            return TimeSpan.Zero;
        }

        return reader.GetDuration(DurationPeriodKey, allowZero: true);
    }

    private static CronExpression? ReadCron(ConfigSectionReader reader)
    {
        var text = reader.GetString(ScheduleCronKey);
        if (text is null)
        {
            return null;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException exception)
        {
            reader.AddProblem(ScheduleCronKey, $"'{text}' is not a cron expression ({exception.Message})");
            return null;
        }
    }

    private static ConfigKey Python(string name, string defaultValue, string description) =>
        new(Section, name, defaultValue, description) { IsPythonKey = true };

    private static ConfigKey Ours(string name, string defaultValue, string description) =>
        new(Section, name, defaultValue, description);
}
