namespace TaxiiConnector.OpenCti.Tests.Platform;

/// <summary>
/// What the host configures from sections with nothing set, as the library tests assume it:
/// <see cref="OpenCtiClientOptions"/> has no defaults for the values the host declares (a test in the host's suite
/// checks that).
/// </summary>
internal static class HostConfigured
{
    public static OpenCtiClientOptions Apply(OpenCtiClientOptions options)
    {
        options.SslVerify = true;
        options.PingInterval = TimeSpan.FromSeconds(40);
        options.QueueThresholdMb = 500;
        options.ConnectorType = "EXTERNAL_IMPORT";
        options.MaxBundleBytes = 10 * 1024 * 1024;
        options.AmqpMaxInFlight = 512;
        options.AmqpRetryAttempts = 20;
        options.AmqpPublishTimeout = TimeSpan.FromMinutes(10);
        return options;
    }
}
