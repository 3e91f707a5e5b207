using Microsoft.Extensions.Options;

namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>Cross-field rules of <see cref="Taxii2ClientOptions"/>, checked at start. Messages never include secret values.</summary>
public sealed class Taxii2ClientOptionsValidator : IValidateOptions<Taxii2ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, Taxii2ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.UseToken && string.IsNullOrEmpty(options.Token))
        {
            builder.AddError("token auth is on but no token is set", nameof(options.Token));
        }

        if (options.UseToken && (string.IsNullOrWhiteSpace(options.TokenScheme) || options.TokenScheme.Trim().Contains(' ', StringComparison.Ordinal)))
        {
            builder.AddError("the token scheme must be one word such as Bearer or Token", nameof(options.TokenScheme));
        }

        if (options.UseApiKey && (string.IsNullOrWhiteSpace(options.ApiKeyHeader) || string.IsNullOrEmpty(options.ApiKeyValue)))
        {
            builder.AddError("API-key auth is on but the header name or value is missing", nameof(options.ApiKeyHeader));
        }

        if (!string.IsNullOrWhiteSpace(options.Tls.KeyPath) && string.IsNullOrWhiteSpace(options.Tls.CertificatePath))
        {
            builder.AddError("a client key path is set without a client certificate path", nameof(options.Tls.KeyPath));
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            builder.AddError("must be positive", nameof(options.AttemptTimeout));
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            builder.AddError("must be at least the attempt timeout", nameof(options.TotalTimeout));
        }

        // Polly's timeout strategy accepts at most one day.
        if (options.TotalTimeout > TimeSpan.FromDays(1))
        {
            builder.AddError("must be at most one day", nameof(options.TotalTimeout));
        }

        if (options.MaxRetries is < 0 or > 100)
        {
            builder.AddError("must be between 0 and 100", nameof(options.MaxRetries));
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            builder.AddError("must not be negative", nameof(options.RetryBaseDelay));
        }

        if (options.MaxResponseBytes <= 0)
        {
            builder.AddError("must be positive", nameof(options.MaxResponseBytes));
        }

        if (options.MaxPages <= 0)
        {
            builder.AddError("must be positive", nameof(options.MaxPages));
        }

        if (options.DefaultRangePageSize <= 0)
        {
            builder.AddError("must be positive", nameof(options.DefaultRangePageSize));
        }

        return builder.Build();
    }
}
