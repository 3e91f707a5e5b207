using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>
/// Health and metrics tuning (<c>metrics.*</c>, <c>METRICS_*</c>). Whether the endpoints run and their port are pycti's
/// <c>connector.expose_metrics</c> and <c>connector.metrics_port</c> (<see cref="ConnectorOptions"/>).
/// </summary>
public sealed class MetricsOptions() : ConfigSection<MetricsOptions>("metrics")
{
    [Setting("host", "Address the metrics and health endpoints listen on.")] public string Host { get; set; } = "0.0.0.0";

    [Setting("max_lag", "/healthz?lag reports a collection whose lag (now minus the server's last date added) exceeds this (ISO-8601); readiness ignores lag.")] public TimeSpan MaxLag { get; set; } = TimeSpan.FromDays(1);

    protected override void Check(ConfigValidationContext context)
    {
        if (!System.Net.IPAddress.TryParse(Host, out _) && !string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            context.AddProblem(Key(nameof(Host)), $"'{Host}' is not an IP address or localhost");
        }
    }
}
