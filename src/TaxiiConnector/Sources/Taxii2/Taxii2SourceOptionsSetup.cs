using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>
/// Configures the source's options from the <c>taxii2</c> section; its objects are processed with the transformer
/// options named <c>taxii2</c> (configured from the section's object-processing settings).
/// </summary>
internal sealed class Taxii2SourceOptionsSetup(Taxii2Options section, IOptionsMonitor<StixTransformerOptions> transform)
    : IConfigureOptions<Taxii2SourceOptions>
{
    public void Configure(Taxii2SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsMapping.Of<Taxii2Options, Taxii2SourceOptions>().Copy(section, options);
        options.InitialHistory = section.InitialHistory;
        options.Limit = section.PageLimit;
        options.Transform = transform.Get(Taxii2Options.SectionName);
    }
}
