using System.Globalization;
using Cronos;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.OpenCti;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>The connector itself (<c>connector.*</c>, <c>CONNECTOR_*</c>): identity, schedule, logging, push limits.</summary>
public sealed class ConnectorOptions() : ConfigSection<ConnectorOptions>("connector")
{
    public const string DefaultDataDirectory = "./data";

    [Setting("id", "A unique UUIDv4 for this connector instance. Required with OpenCTI.", Python = true), Configures<OpenCtiClientOptions>(nameof(OpenCtiClientOptions.ConnectorId))] public string? Id { get; set; }

    [Setting("name", "The connector's name in OpenCTI.", Python = true), Configures<OpenCtiClientOptions>(nameof(OpenCtiClientOptions.ConnectorName))] public string Name { get; set; } = "TAXII2";

    [Setting("type", "The connector type; only EXTERNAL_IMPORT is supported.", Python = true), Configures<OpenCtiClientOptions>(nameof(OpenCtiClientOptions.ConnectorType))] public string Type { get; set; } = "EXTERNAL_IMPORT";

    [Setting("scope", "Comma-separated entity types the connector imports (empty: not-applicable, as pycti).", Python = true)] public IReadOnlyList<string> Scope { get; set; } = [];

    /// <summary>Lower case: <c>debug</c>, <c>info</c>, <c>warn</c>, <c>warning</c> or <c>error</c>.</summary>
    [Setting("log_level", "debug, info, warn (or warning) or error. info (pycti: error) prints one line per collection and one summary per run, so a run that imports nothing still says so.", Python = true), Choice("debug", "info", "warn", "warning", "error")] public string LogLevel { get; set; } = "info";

    /// <summary>Null when unset (then the sources' legacy intervals apply); <see cref="TimeSpan.Zero"/> for "0".</summary>
    [Setting("duration_period", "ISO-8601 time between the end of one run and the start of the next (PT60M, PT1H30M, P1D); 0 runs once. When set it wins over every source's interval; when unset (delete it from config.yml) the interval of the enabled source applies (taxii2.interval or cyberthreatexchange.interval_hours; the smaller when both are on; taxii2.interval when neither is).", Python = true), ParsedWith(typeof(DurationPeriodParser))] public TimeSpan? DurationPeriod { get; set; }

    [Setting("run_and_terminate", "Run once, then exit.", Python = true)] public bool RunAndTerminate { get; set; }

    [Setting("queue_threshold", "Skip a run while the connector's OpenCTI queue holds at least this many MB.", Python = true), Bounds(1)] public int QueueThresholdMegabytes { get; set; } = 500;

    /// <summary><c>amqp</c> or <c>api</c>.</summary>
    [Setting("queue_protocol", "How bundles reach OpenCTI: amqp (RabbitMQ, as pycti) or api (GraphQL stixBundlePush).", Python = true), Choice("amqp", "api")] public string QueueProtocol { get; set; } = "amqp";

    [Setting("expose_metrics", "Serve /healthz, /readyz and Prometheus /metrics.", Python = true)] public bool ExposeMetrics { get; set; }

    [Setting("metrics_port", "Port of the metrics and health endpoints.", Python = true), Bounds(1, 65535)] public int MetricsPort { get; set; } = 9095;

    /// <summary>Read so that a bad value is reported as in pycti; nothing uses it.</summary>
    [Setting("update_existing_data", "Deprecated in pycti; read and ignored.", Python = true)] public bool UpdateExistingData { get; set; }

    /// <summary><c>text</c> or <c>json</c>.</summary>
    [Setting("log_format", "text, or json for compact JSON (one object per line)."), Choice("text", "json")] public string LogFormat { get; set; } = "text";

    /// <summary>Null when unset; parsed with seconds when it has 6 fields.</summary>
    [Setting("schedule_cron", "A cron expression (UTC; 5 fields, or 6 with seconds) used instead of duration_period."), ParsedWith(typeof(CronParser))] public CronExpression? ScheduleCron { get; set; }

    /// <summary>10 MiB by default: well under RabbitMQ 4's 16 MiB message limit and the API's 50 MB.</summary>
    [Setting("max_bundle_bytes", "Largest bundle sent to OpenCTI, in bytes (10 MB)."), Bounds(64 * 1024, int.MaxValue)] public long MaxBundleBytes { get; set; } = 10 * 1024 * 1024;

    [Setting("progress_interval", "How often a long run logs its progress (ISO-8601).")] public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Setting("ping_interval", "How often the connector pings OpenCTI with its state (ISO-8601)."), Configures<OpenCtiClientOptions>] public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(40);

    [Setting("shutdown_timeout", "How long a stop (SIGTERM) waits for the current run to cancel (ISO-8601).")] public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where every file the connector writes goes by default (relative paths resolve from the working directory).</summary>
    [Setting("data_dir", "Directory for everything the connector writes (state file, push spool, dedup database, run reports, held objects). Must be writable.")] public string DataDirectory { get; set; } = DefaultDataDirectory;

    [Setting("dedup_retention", "De-duplication forgets an object version not seen for this long (ISO-8601).")] public TimeSpan DedupRetention { get; set; } = TimeSpan.FromDays(180);

    [Setting("dedup_max_versions", "Most object versions de-duplication keeps per collection; beyond it the oldest-seen are forgotten."), Bounds(1000)] public long DedupMaxVersions { get; set; } = 5_000_000;

    protected override void Check(ConfigValidationContext context)
    {
        if (!context.Invocation.WithoutPlatform && Id is null)
        {
            context.AddProblem(Key(nameof(Id)), "is required to register with OpenCTI (a UUIDv4)");
        }

        if (!string.Equals(Type, "EXTERNAL_IMPORT", StringComparison.OrdinalIgnoreCase))
        {
            context.AddProblem(Key(nameof(Type)), $"'{Type}' is not supported: this connector is an EXTERNAL_IMPORT connector");
        }
    }

    /// <summary><c>duration_period</c>: an ISO-8601 duration, or <c>0</c> (as pycti: run once); unset stays null.</summary>
    private sealed class DurationPeriodParser : ISettingParser
    {
        public object? Parse(ConfigSectionReader reader, ConfigKey key)
        {
            var raw = reader.GetRawValue(key)?.Trim();
            return raw == "0" ? TimeSpan.Zero : reader.GetDuration(key, allowZero: true);
        }

        // Unset, the legacy interval decides: taxii2.interval's default, written in minutes as the Python connector's sample does.
        public string Format(object? value) => value is TimeSpan period
            ? IsoDuration.Format(period)
            : $"PT{((int)new Taxii2Options().Interval.TotalMinutes).ToString(CultureInfo.InvariantCulture)}M";
    }

    /// <summary><c>schedule_cron</c>: 5 fields, or 6 with seconds.</summary>
    private sealed class CronParser : ISettingParser
    {
        public object? Parse(ConfigSectionReader reader, ConfigKey key)
        {
            var text = reader.GetString(key);
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
                reader.AddProblem(key, $"'{text}' is not a cron expression ({exception.Message})");
                return null;
            }
        }

        public string Format(object? value) => value?.ToString() ?? string.Empty;
    }
}
