using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.Taxii1;

namespace TaxiiConnector.Sources.Taxii11;

public static class Taxii11ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the TAXII 1.1 source when <c>taxii11.discovery_url</c> or <c>taxii11.poll_url</c> is set: the typed
    /// <see cref="Taxii1Client"/> (mTLS, TLS verification, resilience) and the <see cref="IConnectorSource"/>.
    /// The section's options themselves (validated at start) come from <c>ConfigSections.All</c>.
    /// </summary>
    public static IServiceCollection AddTaxii11Source(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Read once to decide whether to register; the source itself gets the validated IOptions at resolution.
        var probe = new Taxii11Options();
        probe.Read(new ConfigSectionReader(configuration));
        if (!probe.IsEnabled)
        {
            return services;
        }

        // The client's and the transformer's options come from the same reading of the section, not from the validated
        // IOptions: resolving those here would surface the section's problems a second time through the resilience
        // options' validation.
        services.AddSingleton<IConfigureOptions<Taxii1ClientOptions>>(new MappedOptionsSetup<Taxii11Options, Taxii1ClientOptions>(probe));
        services.AddTaxii1Client();
        services.AddSingleton<IConfigureOptions<StixTransformerOptions>>(new StixTransformerOptionsSetup(Taxii11Options.SectionName, probe.Transform));
        services.AddSingleton<IConnectorSource>(provider => new Taxii11Source(
            provider.GetRequiredService<Taxii1Client>(),
            provider.GetRequiredService<IOptions<Taxii11Options>>().Value,
            provider.GetRequiredService<IOptionsMonitor<StixTransformerOptions>>().Get(Taxii11Options.SectionName),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<Taxii11Source>>()));
        return services;
    }
}
