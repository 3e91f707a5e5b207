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
        IOptionsMonitor<StixTransformerOptions> transform,
        TimeProvider timeProvider,
        ILogger<CyberThreatExchangeSource> logger)
    {
        _client = client;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        TransformOptions = transform.Get(CyberThreatExchangeOptions.SectionName);
    }

    public string Name => CyberThreatExchangeOptions.SectionName;

    public StixTransformerOptions TransformOptions { get; }

    /// <summary>One OpenCTI work per feed and run, as the Python connector opens one per feed.</summary>
    public SourceWorkScope WorkScope => SourceWorkScope.PerCollection;

    public async IAsyncEnumerable<ISourceCollection> GetCollectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var configured = new HashSet<string>(_options.FeedIds, StringComparer.OrdinalIgnoreCase);
        var subscribed = new Dictionary<string, CtxSubscription>(StringComparer.OrdinalIgnoreCase);

        // The subscription list is small (one entry per feed the team buys) and must be complete before a configured
        // feed can be called missing, so it is read whole before any feed is handed out.
        var all = new List<CtxSubscription>();
        await foreach (var subscription in _client.GetSubscriptionsAsync(cancellationToken))
        {
            all.Add(subscription);
            if (!configured.Contains(subscription.FeedId))
            {
                Log.SubscribedNotConfigured(_logger, subscription.FeedName, subscription.FeedId);
                continue;
            }

            if (!subscribed.TryGetValue(subscription.FeedId, out var seen) || (!seen.IsActive && subscription.IsActive))
                subscribed[subscription.FeedId] = subscription;
        }

        var selected = new List<CtxFeedCollection>();
        var problems = new List<string>();
        foreach (var feedId in configured.Count == _options.FeedIds.Count ? _options.FeedIds : _options.FeedIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!subscribed.TryGetValue(feedId, out var subscription))
                problems.Add($"{FeedIdsSetting} lists feed {feedId}, but the API key's team is not subscribed to it: it is not pulled. Subscribed: {Choices(all)}");
            else if (!subscription.IsActive)
                problems.Add($"{FeedIdsSetting} lists feed {subscription.FeedName} ({subscription.FeedId}), whose subscription status is '{subscription.Status}', not 'active': it is not pulled. Active: {Choices(all.Where(s => s.IsActive))}");
            else
                selected.Add(new CtxFeedCollection(subscription, _client, _options, _timeProvider));
        }

        Log.FeedsSelected(_logger, selected.Count, _options.FeedIds.Count);
        foreach (var collection in selected)
            yield return collection;

        // A configured feed that cannot be pulled needs a person (a subscription, or the setting): the run is not a success.
        if (problems.Count > 0)
            throw SourceConfigurationException.Of(problems);
    }

    private static string FeedIdsSetting => CyberThreatExchangeOptions.Key(nameof(CyberThreatExchangeOptions.FeedIds)).DisplayName;

    private static string Choices(IEnumerable<CtxSubscription> subscriptions)
    {
        var names = subscriptions.Select(s => $"{s.FeedId} ({s.FeedName})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
