using System.Net;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration.Sections;

namespace TaxiiConnector.Observability;

/// <summary>Whether and where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> are served.</summary>
internal sealed class ObservabilityEndpointOptions
{
    /// <summary><c>connector.expose_metrics</c>, for the long-running <c>run</c> command only.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>metrics.host</c> (0.0.0.0 by default, for containers).</summary>
    public IPAddress Address { get; set; } = IPAddress.Any;

    /// <summary><c>connector.metrics_port</c>; 0 binds a free port (tests).</summary>
    public int Port { get; set; } = 9095;

    public static IPAddress ParseAddress(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var address) ? address : IPAddress.Any;
}

/// <summary>Fills <see cref="ObservabilityEndpointOptions"/> from the validated sections.</summary>
internal sealed class ObservabilityEndpointOptionsSetup : IConfigureOptions<ObservabilityEndpointOptions>
{
    private readonly IOptions<ConnectorOptions> _connector;
    private readonly IOptions<MetricsOptions> _metrics;
    private readonly ConnectorInvocation _invocation;

    public ObservabilityEndpointOptionsSetup(IOptions<ConnectorOptions> connector, IOptions<MetricsOptions> metrics, ConnectorInvocation invocation)
    {
        _connector = connector;
        _metrics = metrics;
        _invocation = invocation;
    }

    public void Configure(ObservabilityEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Enabled = _connector.Value.ExposeMetrics && string.Equals(_invocation.Command, RunCommand.CommandName, StringComparison.OrdinalIgnoreCase);
        options.Address = ObservabilityEndpointOptions.ParseAddress(_metrics.Value.Host);
        options.Port = _connector.Value.MetricsPort;
    }
}
