using System.Net;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Yaml;

namespace TaxiiConnector.Observability;

/// <summary>
/// <c>healthcheck [--ready]</c>: asks the running connector's own <c>/healthz</c> (or <c>/readyz</c>) on this machine
/// and exits 0 when it answers 200, 1 otherwise. The container healthcheck: the ASP.NET runtime image has neither curl
/// nor wget, and this needs nothing but the connector itself. It reads the same configuration as <c>run</c> (the port
/// is <c>connector.metrics_port</c>) and contacts nothing but that local port.
/// </summary>
public sealed class HealthcheckCommand : IConnectorCommand
{
    public const string CommandName = "healthcheck";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public string Name => CommandName;

    public string Summary => "Probe the running connector's /healthz (--ready: /readyz) on this machine; exit 0 when healthy (container healthcheck).";

    public async Task<int> ExecuteAsync(ConnectorInvocation invocation, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        var ready = invocation.Arguments.Contains("--ready", StringComparer.Ordinal);
        if (invocation.Arguments.Any(argument => argument != "--ready"))
        {
            await output.Error.WriteLineAsync($"Unexpected argument '{invocation.Arguments.First(a => a != "--ready")}'.".AsMemory(), cancellationToken);
            return 2;
        }

        ConnectorOptions connector;
        MetricsOptions metrics;
        try
        {
            var reader = new ConfigSectionReader(ConnectorConfiguration.Build(invocation));
            connector = new ConnectorOptions();
            connector.Read(reader);
            metrics = new MetricsOptions();
            metrics.Read(reader);
        }
        catch (ConfigFileException exception)
        {
            await output.Error.WriteLineAsync(exception.Message.AsMemory(), cancellationToken);
            return 1;
        }

        if (!connector.ExposeMetrics)
        {
            await output.Error.WriteLineAsync("unhealthy: the endpoints are off (set CONNECTOR_EXPOSE_METRICS=true)".AsMemory(), cancellationToken);
            return 1;
        }

        var url = ProbeUrl(metrics.Host, connector.MetricsPort, ready ? "readyz" : "healthz");
        using var timeout = new CancellationTokenSource(Timeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await http.GetAsync(url, linked.Token);
            var body = (await response.Content.ReadAsStringAsync(linked.Token)).Trim();
            var healthy = response.StatusCode == HttpStatusCode.OK;
            await (healthy ? output.Out : output.Error).WriteLineAsync(
                $"{(healthy ? "healthy" : "unhealthy")}: {url} answered {(int)response.StatusCode} {body}".AsMemory(), cancellationToken);
            return healthy ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await output.Error.WriteLineAsync($"unhealthy: {url} did not answer ({ex.Message})".AsMemory(), cancellationToken);
            return 1;
        }
    }

    /// <summary>The local URL of an endpoint: a wildcard bind address is reached on loopback.</summary>
    public static Uri ProbeUrl(string host, int port, string endpoint)
    {
        var address = ObservabilityEndpointOptions.ParseAddress(host);
        if (address.Equals(IPAddress.Any))
        {
            address = IPAddress.Loopback;
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.IPv6Loopback;
        }

        return new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port, endpoint).Uri;
    }
}
