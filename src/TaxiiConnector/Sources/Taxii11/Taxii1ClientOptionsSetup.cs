using Microsoft.Extensions.Options;
using TaxiiConnector.Taxii.Taxii1;

namespace TaxiiConnector.Sources.Taxii11;

/// <summary>Configures the TAXII 1.1 client from the <c>taxii11</c> section, which holds the defaults.</summary>
internal sealed class Taxii1ClientOptionsSetup : IConfigureOptions<Taxii1ClientOptions>
{
    private readonly Taxii11Options _section;

    public Taxii1ClientOptionsSetup(Taxii11Options section) => _section = section;

    public void Configure(Taxii1ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Username = _section.Username;
        options.Password = _section.Password;
        options.CertPath = _section.CertPath;
        options.KeyPath = _section.KeyPath;
        options.CertPassword = _section.CertPassword;
        options.VerifySsl = _section.VerifySsl;
        options.MaxPollParts = _section.MaxParts;
        options.RequestTimeout = _section.RequestTimeout;
    }
}
