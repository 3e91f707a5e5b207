using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.OpenCti.Ping;

namespace TaxiiConnector.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// Health, metrics and progress: the pipeline's observers (<see cref="RunHealthTracker"/>, <see cref="ConnectorMetrics"/>,
    /// <see cref="ProgressReporter"/>) behind <see cref="PipelineEvents"/>, the HTTP metrics handler on every
    /// factory-built client, and the <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> server when
    /// <c>connector.expose_metrics</c> is on.
    /// </summary>
    public static IServiceCollection AddConnectorObservability(this IServiceCollection services, IConfiguration configuration, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(invocation);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RunHealthTracker>();
        services.TryAddSingleton(provider => new ConnectorMetrics(
            provider.GetRequiredService<RunHealthTracker>(),
            () => provider.GetService<ConnectorRunInfo>()));
        services.TryAddSingleton<ProgressReporter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineObserver, RunHealthTracker>(provider => provider.GetRequiredService<RunHealthTracker>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineObserver, ConnectorMetrics>(provider => provider.GetRequiredService<ConnectorMetrics>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineObserver, ProgressReporter>(provider => provider.GetRequiredService<ProgressReporter>()));
        services.TryAddSingleton<PipelineEvents>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, HttpMetricsHandlerFilter>());

        services.TryAddSingleton<ReadinessCheck>();
        services.TryAddSingleton<LagCheck>();
        services.AddOptions<ObservabilityEndpointOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ObservabilityEndpointOptions>, ObservabilityEndpointOptionsSetup>());
        services.TryAddSingleton<ObservabilityEndpointHost>();
        services.AddHostedService(provider => provider.GetRequiredService<ObservabilityEndpointHost>());
        return services;
    }
}
