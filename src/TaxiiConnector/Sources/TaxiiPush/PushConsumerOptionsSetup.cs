using Microsoft.Extensions.Options;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>Configures the push consumer's redelivery bounds from the <c>taxii_push</c> section.</summary>
internal sealed class PushConsumerOptionsSetup(IOptions<TaxiiPushOptions> section) : IConfigureOptions<PushConsumerOptions>
{
    public void Configure(PushConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DeliveryAttempts = section.Value.DeliveryAttempts;
        options.DeliveryMaxTime = section.Value.DeliveryMaxTime;
    }
}
