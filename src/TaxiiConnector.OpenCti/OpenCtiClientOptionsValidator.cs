using Microsoft.Extensions.Options;

namespace TaxiiConnector.OpenCti;

/// <summary>Start-up validation: one line per problem, naming the environment variable and the YAML key.</summary>
internal sealed class OpenCtiClientOptionsValidator : IValidateOptions<OpenCtiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenCtiClientOptions options)
    {
        var failures = new List<string>();
        if (options.DryRunOutputDirectory is null)
        {
            if (options.Url is null || !options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
            {
                failures.Add("OPENCTI_URL (opencti.url) must be an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(options.Token) || string.Equals(options.Token, "ChangeMe", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add("OPENCTI_TOKEN (opencti.token) must be set to the connector user's API token.");
            }

            if (!Guid.TryParse(options.ConnectorId, out _))
            {
                failures.Add("CONNECTOR_ID (connector.id) must be a UUID.");
            }

            if (options.ConnectorName is null || options.ConnectorName.Trim().Length < 2)
            {
                failures.Add("CONNECTOR_NAME (connector.name) must have at least 2 characters.");
            }
        }

        if (options.PingInterval <= TimeSpan.Zero)
        {
            failures.Add("The OpenCTI ping interval must be positive.");
        }

        if (options.QueueThresholdMb < 0)
        {
            failures.Add("CONNECTOR_QUEUE_THRESHOLD (connector.queue_threshold) must be zero or more (MB).");
        }

        if (options.MaxBundleBytes < 1024)
        {
            failures.Add("The maximum bundle size must be at least 1024 bytes.");
        }

        if (options.AmqpMaxInFlight < 1)
        {
            failures.Add("The AMQP in-flight window must be at least 1.");
        }

        if (options.MaxRetryAttempts < 0)
        {
            failures.Add("The OpenCTI retry count must be zero or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
