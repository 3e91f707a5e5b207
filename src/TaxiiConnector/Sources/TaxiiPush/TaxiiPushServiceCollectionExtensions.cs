using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

public static class TaxiiPushServiceCollectionExtensions
{
    /// <summary>
    /// Registers the push endpoint when <c>taxii_push.enabled</c> is true: the endpoint (started and stopped with the host)
    /// and the consumer that pushes accepted envelopes through the transformer and the pipeline's sink. The section's
    /// options (validated at start) come from <c>ConfigSections.All</c>; the sink, works and bundle writer from the pipeline.
    /// </summary>
    public static IServiceCollection AddTaxiiPush(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var probe = new TaxiiPushOptions();
        probe.Read(new ConfigSectionReader(configuration));
        if (!probe.IsEnabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PushConsumerOptions>();
        services.AddSingleton<IConfigureOptions<PushConsumerOptions>>(provider =>
            new MappedOptionsSetup<TaxiiPushOptions, PushConsumerOptions>(provider.GetRequiredService<IOptions<TaxiiPushOptions>>().Value));
        services.AddSingleton<IConfigureOptions<TaxiiPushHostOptions>, TaxiiPushHostOptionsSetup>();
        services.AddSingleton<IConfigureOptions<StixTransformerOptions>>(provider =>
            new PushTransformerOptionsSetup(provider.GetRequiredService<IOptions<TaxiiPushOptions>>().Value));
        services.AddPushDeliveryPipeline();
        services.TryAddSingleton<TaxiiPushEndpoint>();
        services.TryAddSingleton<PushEnvelopeDedup>();
        services.TryAddSingleton<PushEnvelopeDelivery>();

        // Order matters: the endpoint starts before the consumer and stops after it.
        services.AddHostedService(provider => provider.GetRequiredService<TaxiiPushEndpoint>());
        services.AddHostedService<TaxiiPushConsumer>();
        return services;
    }
}
