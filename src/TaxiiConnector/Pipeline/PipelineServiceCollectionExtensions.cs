using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Cli;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Dedup;
using TaxiiConnector.OpenCti;
using TaxiiConnector.Reports;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The connector's job and everything it pulls together: the enabled sources (the <c>taxii2</c> source when
    /// <c>taxii2.discovery_url</c> is set), the transformer and bundle writer, and OpenCTI's sink, state and works, or, for
    /// <c>run --dry-run</c> and <c>demo</c>, a directory sink with a state file and no platform at all.
    /// </summary>
    public static IServiceCollection AddConnectorPipeline(this IServiceCollection services, IConfiguration configuration, ConnectorInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(invocation);

        // Read once here to choose implementations; bad values are reported by the sections' own validation at start.
        var reader = new ConfigSectionReader(configuration);
        var connector = Read<ConnectorOptions>(reader);
        var taxii2 = Read<Taxii2Options>(reader);
        var openCti = Read<OpenCtiOptions>(reader);
        var mq = Read<MqOptions>(reader);
        var state = Read<StateOptions>(reader);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PipelineOptions>()
            .Configure(options => options.HeldObjectsDirectory ??= Path.Combine(connector.DataDirectory, "held-objects"))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenCti(new OpenCtiClientOptionsSetup(invocation, connector, openCti, mq, state));

        services.TryAddSingleton(new StixBundleWriterOptions { MaxBundleBytes = (int)Math.Min(connector.MaxBundleBytes, int.MaxValue) });
        services.TryAddSingleton<StixBundleWriter>();
        services.TryAddSingleton<IPageBundler, StixPageBundler>();
        services.TryAddSingleton<BundlePusher>();
        services.AddBundlePushPipeline();
        services.TryAddSingleton<Holding.HeldObjectStore>();
        services.TryAddSingleton(DedupRegistration.Settings(reader, connector, invocation));
        services.TryAddSingleton<ObjectDeduplicator>();
        services.TryAddSingleton(provider => new RunReportStore(
            DedupRegistration.RunsDirectory(connector, invocation), provider.GetRequiredService<ILogger<RunReportStore>>()));
        services.TryAddSingleton<CollectionPump>();
        services.TryAddSingleton<IRunAdmission, QueueBufferingAdmission>();
        services.TryAddSingleton<ConnectorRunner>();
        services.TryAddSingleton<IConnectorJob>(provider => provider.GetRequiredService<ConnectorRunner>());
        services.AddHostedService<RunInfoBridge>();

        if (taxii2.IsEnabled && taxii2.DiscoveryUrl is not null)
        {
            // The section as read here, not IOptions<Taxii2Options>: resolving that would validate it on its own.
            services.AddSingleton<IConfigureOptions<Taxii2ClientOptions>>(new Taxii2ClientOptionsSetup(taxii2));
            services.AddTaxii2Client(_ => { });
            services.AddSingleton<IConfigureOptions<StixTransformerOptions>>(new StixTransformerOptionsSetup(Taxii2Options.SectionName, taxii2.Transform));
            services.AddSingleton<IConfigureOptions<Taxii2SourceOptions>>(provider =>
                new Taxii2SourceOptionsSetup(taxii2, provider.GetRequiredService<IOptionsMonitor<StixTransformerOptions>>()));
            services.AddSingleton<IConnectorSource>(provider => new Taxii2Source(
                provider.GetRequiredService<Taxii2Client>(),
                provider.GetRequiredService<IOptions<Taxii2SourceOptions>>().Value,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<Taxii2Source>>()));
        }

        return services;
    }

    private static T Read<T>(ConfigSectionReader reader)
        where T : class, IConfigSection<T>, new()
    {
        var section = new T();
        section.Read(reader);
        return section;
    }
}
