namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>How the push consumer waits after a failed delivery. An envelope is retried until it was delivered: never dropped.</summary>
public sealed class PushConsumerOptions
{
    /// <summary>The first wait after a failed delivery; it doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long closing an OpenCTI work may take once the consumer was stopped.</summary>
    public TimeSpan CloseWorkTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
