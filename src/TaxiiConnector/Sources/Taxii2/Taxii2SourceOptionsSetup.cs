using Microsoft.Extensions.Options;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>Configures the source's options from the <c>taxii2</c> section.</summary>
internal sealed class Taxii2SourceOptionsSetup : IConfigureOptions<Taxii2SourceOptions>
{
    private readonly Taxii2Options _section;

    public Taxii2SourceOptionsSetup(Taxii2Options section) => _section = section;

    public void Configure(Taxii2SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DiscoveryUrl = _section.DiscoveryUrl;
        options.Collections = _section.Collections;
        options.InitialHistory = _section.InitialHistory;
        options.Limit = _section.PageLimit;
        options.Transform = _section.ToTransformerOptions();
    }
}
