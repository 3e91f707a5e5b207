using Microsoft.Extensions.Options;
using TaxiiConnector.Taxii.Taxii1;

namespace TaxiiConnector.Sources.Taxii11;

/// <summary>Configures the TAXII 1.1 client from the <c>taxii11</c> section, which holds the defaults.</summary>
internal sealed class Taxii1ClientOptionsSetup(Taxii11Options section) : IConfigureOptions<Taxii1ClientOptions>
{
    public void Configure(Taxii1ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Username = section.Username;
        options.Password = section.Password;
        options.CertPath = section.CertPath;
        options.KeyPath = section.KeyPath;
        options.CertPassword = section.CertPassword;
        options.VerifySsl = section.VerifySsl;
        options.MaxPollParts = section.MaxParts;
        options.RequestTimeout = section.RequestTimeout;
    }
}
