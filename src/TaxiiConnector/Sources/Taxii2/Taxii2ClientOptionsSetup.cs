using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>Configures the TAXII 2 client (the default named one) from the <c>taxii2</c> section.</summary>
internal sealed class Taxii2ClientOptionsSetup : IConfigureNamedOptions<Taxii2ClientOptions>
{
    private static readonly string UserAgent =
        "TaxiiConnector/" + (typeof(Taxii2ClientOptionsSetup).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly Taxii2Options _section;

    public Taxii2ClientOptionsSetup(Taxii2Options section) => _section = section;

    public void Configure(Taxii2ClientOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, Taxii2ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != Taxii2ServiceCollectionExtensions.DefaultName)
        {
            return;
        }

        options.Version = _section.Version switch
        {
            Taxii2VersionPreference.V20 => TaxiiVersion.V20,
            Taxii2VersionPreference.Auto => TaxiiVersion.Auto,
            _ => TaxiiVersion.V21,
        };
        OptionsMapping.Of<Taxii2Options, Taxii2ClientOptions>().Copy(_section, options);
        options.UserAgent = UserAgent;
    }
}
