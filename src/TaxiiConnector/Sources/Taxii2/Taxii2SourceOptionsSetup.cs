using Microsoft.Extensions.Options;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>
/// Configures the source's options from the <c>taxii2</c> section; its objects are processed with the transformer
/// options named <c>taxii2</c> (configured from the section's object-processing settings).
/// </summary>
internal sealed class Taxii2SourceOptionsSetup : IConfigureOptions<Taxii2SourceOptions>
{
    private readonly Taxii2Options _section;
    private readonly IOptionsMonitor<StixTransformerOptions> _transform;

    public Taxii2SourceOptionsSetup(Taxii2Options section, IOptionsMonitor<StixTransformerOptions> transform)
    {
        _section = section;
        _transform = transform;
    }

    public void Configure(Taxii2SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DiscoveryUrl = _section.DiscoveryUrl;
        options.Collections = _section.Collections;
        options.InitialHistory = _section.InitialHistory;
        options.Limit = _section.PageLimit;
        options.Transform = _transform.Get(Taxii2Options.Section);
    }
}
