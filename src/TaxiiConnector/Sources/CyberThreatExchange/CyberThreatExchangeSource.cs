using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Sources.CyberThreatExchange.Http;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>
/// The Cyber Threat Exchange feeds source: the configured feeds the API key's team is actively subscribed to, one
/// collection (state key <c>cyberthreatexchange|{feed id}</c>) each. A configured feed missing from the subscriptions
/// gets one warning (the Python connector skips it silently); an inactive subscription gets one warning and is skipped.
/// </summary>
internal sealed class CyberThreatExchangeSource : IConnectorSource
{
    private readonly CtxFeedsClient _client;
    private readonly CyberThreatExchangeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CyberThreatExchangeSource> _logger;

    public CyberThreatExchangeSource(
        CtxFeedsClient client,
        IOptions<CyberThreatExchangeOptions> options,
        TimeProvider timeProvider,
        ILogger<CyberThreatExchangeSource> logger)
    {
        _client = client;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        TransformOptions = _options.Transform;
    }

    public string Name => CyberThreatExchangeOptions.SectionName;

    public StixTransformerOptions TransformOptions { get; }

    public async IAsyncEnumerable<ISourceCollection> GetCollectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var configured = new HashSet<string>(_options.FeedIds, StringComparer.OrdinalIgnoreCase);
        var subscribed = new Dictionary<string, CtxSubscription>(StringComparer.OrdinalIgnoreCase);

        // The subscription list is small (one entry per feed the team buys) and must be complete before a configured
        // feed can be called missing, so it is read whole before any feed is handed out.
        await foreach (var subscription in _client.GetSubscriptionsAsync(cancellationToken))
        {
            if (!configured.Contains(subscription.FeedId))
            {
                Log.SubscribedNotConfigured(_logger, subscription.FeedName, subscription.FeedId);
                continue;
            }

            if (!subscribed.TryGetValue(subscription.FeedId, out var seen) || (!seen.IsActive && subscription.IsActive))
                subscribed[subscription.FeedId] = subscription;
        }

        var selected = new List<CtxFeedCollection>();
        foreach (var feedId in configured.Count == _options.FeedIds.Count ? _options.FeedIds : _options.FeedIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!subscribed.TryGetValue(feedId, out var subscription))
                Log.FeedNotSubscribed(_logger, feedId);
            else if (!subscription.IsActive)
                Log.SubscriptionInactive(_logger, subscription.FeedName, subscription.FeedId, subscription.Status);
            else
                selected.Add(new CtxFeedCollection(subscription, _client, _options, _timeProvider));
        }

        Log.FeedsSelected(_logger, selected.Count, _options.FeedIds.Count);
        foreach (var collection in selected)
            yield return collection;
    }
}
