using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Taxii.Tests.Infrastructure;

/// <summary>
/// What the host configures for every client, as the library tests assume it: <see cref="Taxii2ClientOptions"/> and
/// <see cref="Taxii1ClientOptions"/> have no defaults for the values the host declares (a test in the host's suite checks that).
/// </summary>
internal static class ClientDefaults
{
    public static Taxii2ClientOptions Apply(Taxii2ClientOptions options)
    {
        options.Version = TaxiiVersion.V21;
        options.TokenScheme = "Bearer";
        options.Tls.VerifySsl = true;
        options.AttemptTimeout = TimeSpan.FromSeconds(60);
        options.TotalTimeout = TimeSpan.FromMinutes(10);
        options.MaxRetries = 5;
        options.MaxResponseBytes = 256L * 1024 * 1024;
        options.MaxPages = 100_000;
        return options;
    }

    public static Taxii1ClientOptions Apply(Taxii1ClientOptions options)
    {
        options.Tls.VerifySsl = true;
        options.RequestTimeout = TimeSpan.FromSeconds(120);
        options.MaxPollParts = 1000;
        return options;
    }
}
