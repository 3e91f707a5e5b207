using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>
/// The <c>cyberthreatexchange</c> configuration section (environment <c>CYBERTHREATEXCHANGE_*</c>), with the keys of
/// OpenCTI's dogesec-cyberthreatexchange connector plus the transformer options every source shares.
/// The section is enabled when <c>api_key</c> or <c>feed_ids</c> is set: <c>base_url</c> alone (it has a default and
/// appears in every sample) does not switch a source on.
/// </summary>
public sealed class CyberThreatExchangeOptions
{
    public const string SectionName = "cyberthreatexchange";
    public const string DefaultBaseUrl = "https://api.cyberthreatexchange.com/";

    /// <summary>The API's root; normalised to exactly one trailing slash so relative paths join under it.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Sent as the <c>API-KEY</c> header. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Configured feed ids, trimmed, without duplicates.</summary>
    public IReadOnlyList<string> FeedIds { get; set; } = [];

    /// <summary>Hours between runs when the connector has no <c>duration_period</c> of its own (the Python connector's key).</summary>
    public int? IntervalHours { get; set; }

    /// <summary>
    /// Hours to look back on a feed's first run. Unset or 0 means the whole feed history, as the Python connector does.
    /// </summary>
    public int? InitialHistoryHours { get; set; }

    /// <summary>Guard against a server that never stops paginating. 200 objects a page: 10 000 pages is 2 million objects.</summary>
    public int MaxPages { get; set; } = 10_000;

    /// <summary>The transformer options built from this section's shared author/label/score/marking keys.</summary>
    public StixTransformerOptions Transform { get; set; } = DefaultTransform();

    /// <summary>True when the section configures a source (see the class remarks).</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(ApiKey) || FeedIds.Count > 0;

    /// <summary>The interval as a duration, or null when the section does not set one.</summary>
    public TimeSpan? Interval => IntervalHours is { } hours ? TimeSpan.FromHours(hours) : null;

    /// <summary>The base URL as an absolute URI with exactly one trailing slash.</summary>
    public Uri BaseUri => new(NormaliseBaseUrl(BaseUrl), UriKind.Absolute);

    /// <summary><c>https://host/api//</c> and <c>https://host/api</c> both become <c>https://host/api/</c>.</summary>
    public static string NormaliseBaseUrl(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.Trim().TrimEnd('/') + "/";
    }

    /// <summary>
    /// The Python connector passes CTX objects through unchanged, so observables and indicators are not created from
    /// each other unless the user asks for it.
    /// </summary>
    public static StixTransformerOptions DefaultTransform() => new()
    {
        CreateIndicators = false,
        CreateObservables = false,
    };
}
