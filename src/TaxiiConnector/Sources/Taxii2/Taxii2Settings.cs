using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>The TAXII client's and the source's options from the <c>taxii2</c> section.</summary>
internal static class Taxii2Settings
{
    public static void Apply(Taxii2ClientOptions options, Taxii2Options section)
    {
        options.Version = section.Version switch
        {
            Taxii2VersionPreference.V20 => TaxiiVersion.V20,
            Taxii2VersionPreference.Auto => TaxiiVersion.Auto,
            _ => TaxiiVersion.V21,
        };
        options.Username = section.Username;
        options.Password = section.Password;
        options.UseToken = section.UseToken;
        options.Token = section.Token;
        options.TokenScheme = section.TokenScheme;
        options.UseApiKey = section.UseApiKey;
        options.ApiKeyHeader = section.ApiKeyName;
        options.ApiKeyValue = section.ApiKeyValue;
        options.ClientCertificatePath = section.CertPath;
        options.ClientKeyPath = section.KeyPath;
        options.ClientCertificatePassword = section.CertPassword;
        options.VerifySsl = section.VerifySsl;
        options.CaBundlePath = section.CaPath;
        options.AttemptTimeout = section.RequestTimeout;
        options.TotalTimeout = section.TotalTimeout;
        options.MaxRetries = section.MaxRetries;
        options.MaxResponseBytes = section.MaxResponseBytes;
        options.MaxPages = section.MaxPages;
        options.UserAgent = "TaxiiConnector/" + (typeof(Taxii2Settings).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
    }

    public static void Apply(Taxii2SourceOptions options, Taxii2Options section)
    {
        options.DiscoveryUrl = section.DiscoveryUrl;
        options.Collections = string.Join(',', section.Collections);
        options.InitialHistory = section.InitialHistory;
        options.Limit = section.PageLimit;
        options.Transform = section.ToTransformerOptions();
    }
}
