namespace TaxiiConnector.Configuration.Sections;

/// <summary>
/// Health and metrics tuning (<c>metrics.*</c>, <c>METRICS_*</c>). Whether the endpoints run and their port are pycti's
/// <c>connector.expose_metrics</c> and <c>connector.metrics_port</c> (<see cref="ConnectorOptions"/>).
/// </summary>
public sealed class MetricsOptions : IConfigSection<MetricsOptions>
{
    public const string Section = "metrics";

    public static readonly ConfigKey HostKey = new(Section, "host", "0.0.0.0", "Address the metrics and health endpoints listen on.");
    public static readonly ConfigKey MaxLagKey = new(Section, "max_lag", "P1D", "/healthz?lag reports a collection whose lag (now minus the server's last date added) exceeds this (ISO-8601); readiness ignores lag.");

    public static string SectionName => Section;

    public static IReadOnlyList<ConfigKey> Keys { get; } = [HostKey, MaxLagKey];

    public string Host { get; set; } = "0.0.0.0";

    public TimeSpan MaxLag { get; set; } = TimeSpan.FromDays(1);

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Host = reader.GetString(HostKey) ?? "0.0.0.0";
        MaxLag = reader.GetDuration(MaxLagKey) ?? TimeSpan.FromDays(1);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!System.Net.IPAddress.TryParse(Host, out _) && !string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            context.AddProblem(HostKey, $"'{Host}' is not an IP address or localhost");
        }
    }
}
