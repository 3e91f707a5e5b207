using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii2;

namespace TaxiiConnector.Hosting;

public static class ConnectorCoreServiceCollectionExtensions
{
    /// <summary>
    /// The foundation every command shares: the invocation, <see cref="TimeProvider"/>, every section of
    /// <see cref="ConfigSections.All"/> as validated options, the "some source is configured" check, the schedule and
    /// the scheduler. The scheduler needs an <see cref="IConnectorJob"/>, which the pipeline registers.
    /// </summary>
    public static IServiceCollection AddConnectorCore(this IServiceCollection services, IConfiguration configuration, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(invocation);

        services.TryAddSingleton(configuration);
        services.AddSingleton(invocation);
        services.TryAddSingleton(TimeProvider.System);

        foreach (var section in ConfigSections.All)
        {
            section.Register(services);
        }

        services.AddOptions<ConfiguredSources>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<ConfiguredSources>, ConfiguredSourcesConfigurer>();
        services.AddSingleton<IValidateOptions<ConfiguredSources>, ConfiguredSourcesValidator>();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, Configuration.DataPaths.WritablePathsValidator>();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, Configuration.Placeholders.PlaceholderValidator>();

        // Read tolerantly: the host resolves HostOptions before options validation runs, and a bad value is reported there.
        var connector = new ConnectorOptions();
        connector.Read(new ConfigSectionReader(configuration));
        services.Configure<HostOptions>(host => host.ShutdownTimeout = connector.ShutdownTimeout);

        services.AddSingleton<ConnectorRunStatus>();
        services.AddSingleton(provider => ConnectorSchedule.Create(
            provider.GetRequiredService<IOptions<ConnectorOptions>>().Value,
            provider.GetRequiredService<IOptions<Taxii2Options>>().Value,
            provider.GetRequiredService<IOptions<CyberThreatExchangeOptions>>().Value,
            invocation));
        services.AddHostedService<ConnectorScheduler>();
        return services;
    }
}
