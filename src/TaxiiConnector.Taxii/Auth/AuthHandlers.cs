using Microsoft.Extensions.Logging;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Taxii.Auth;

/// <summary>
/// Picks the auth handlers the options ask for. <c>Authorization</c>: token when on, else Basic when a user name is set
/// (never Basic with empty credentials, unlike the Python connector). The API-key header is independent of both.
/// </summary>
public static class AuthHandlers
{
    public static DelegatingHandler ForAuthorization(Taxii2ClientOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UseToken && !string.IsNullOrEmpty(options.Token))
        {
            return new TokenAuthHandler(options.TokenScheme, options.Token, logger);
        }

        return !string.IsNullOrEmpty(options.Username)
            ? new BasicAuthHandler(options.Username, options.Password)
            : new NoAuthHandler();
    }

    public static DelegatingHandler ForApiKey(Taxii2ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseApiKey && !string.IsNullOrWhiteSpace(options.ApiKeyHeader) && options.ApiKeyValue is not null
            ? new ApiKeyHeaderHandler(options.ApiKeyHeader, options.ApiKeyValue)
            : new NoAuthHandler();
    }

    /// <summary>Passes requests through untouched, so the handler chain has the same shape in every auth mode.</summary>
    private sealed class NoAuthHandler : DelegatingHandler
    {
    }
}
