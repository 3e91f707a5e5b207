using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.Cli;
using TaxiiConnector.Observability;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources.CyberThreatExchange;

namespace TaxiiConnector.Hosting;

/// <summary>
/// Where the capabilities built on the foundation register their services, one line each, for every command that
/// builds the host (<c>run</c>, <c>check-config</c>, <c>discover</c>, <c>demo</c>): the sources, and the pipeline,
/// which registers the <see cref="Scheduling.IConnectorJob"/> the scheduler runs.
/// </summary>
internal static class ConnectorModules
{
    public static void Add(IServiceCollection services, IConfiguration configuration, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(invocation);
        Sources.Taxii11.Taxii11ServiceCollectionExtensions.AddTaxii11Source(services, configuration);

        services.AddCyberThreatExchangeSource(configuration);
        services.AddConnectorPipeline(configuration, invocation);
        Sources.TaxiiPush.TaxiiPushServiceCollectionExtensions.AddTaxiiPush(services, configuration);

        services.AddConnectorObservability(configuration, invocation);
    }
}
