namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// How the push consumer redelivers an envelope whose delivery failed for a reason that may pass
/// (<see cref="PushDeliveryPipeline"/>): a doubling delay, a bounded number of attempts and a bounded time.
/// </summary>
public sealed class PushConsumerOptions
{
    /// <summary>The first wait after a failed delivery; it doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries of one envelope at most (the first included); from <c>taxii_push.delivery_attempts</c>.</summary>
    public int DeliveryAttempts { get; set; }

    /// <summary>No new delivery of an envelope starts once this long has passed since its first; from <c>taxii_push.delivery_max_time</c>.</summary>
    public TimeSpan DeliveryMaxTime { get; set; }

    /// <summary>How long closing an OpenCTI work may take once the consumer was stopped.</summary>
    public TimeSpan CloseWorkTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
