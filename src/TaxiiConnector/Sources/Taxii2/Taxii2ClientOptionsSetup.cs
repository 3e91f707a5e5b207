using Microsoft.Extensions.Options;
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
        options.Username = _section.Username;
        options.Password = _section.Password;
        options.UseToken = _section.UseToken;
        options.Token = _section.Token;
        options.TokenScheme = _section.TokenScheme;
        options.UseApiKey = _section.UseApiKey;
        options.ApiKeyHeader = _section.ApiKeyName;
        options.ApiKeyValue = _section.ApiKeyValue;
        options.ClientCertificatePath = _section.CertPath;
        options.ClientKeyPath = _section.KeyPath;
        options.ClientCertificatePassword = _section.CertPassword;
        options.VerifySsl = _section.VerifySsl;
        options.CaBundlePath = _section.CaPath;
        options.AttemptTimeout = _section.RequestTimeout;
        options.TotalTimeout = _section.TotalTimeout;
        options.MaxRetries = _section.MaxRetries;
        options.MaxResponseBytes = _section.MaxResponseBytes;
        options.MaxPages = _section.MaxPages;
        options.UserAgent = UserAgent;
    }
}
