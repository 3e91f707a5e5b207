using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;

namespace TaxiiConnector.Sources.CyberThreatExchange;

/// <summary>
/// The Cyber Threat Exchange feeds source (<c>cyberthreatexchange.*</c>, <c>CYBERTHREATEXCHANGE_*</c>): the keys of
/// OpenCTI's dogesec-cyberthreatexchange connector, then ours, then the object-processing keys every source shares.
/// The source is on when <c>api_key</c> or <c>feed_ids</c> is set (and then both are required). <c>base_url</c> alone
/// does not switch it on: it has a default and every sample file carries it.
/// </summary>
public sealed class CyberThreatExchangeOptions() : ConfigSourceSection<CyberThreatExchangeOptions>("cyberthreatexchange")
{
    private IReadOnlyList<string> _feedIds = [];

    /// <summary>The API's root; <see cref="BaseUri"/> normalises it to exactly one trailing slash.</summary>
    [Setting("base_url", "The Cyber Threat Exchange API (normalised to one trailing slash).", Python = true), ParsedWith(typeof(BaseUrlParser))] public string BaseUrl { get; set; } = "https://api.cyberthreatexchange.com/";

    /// <summary>Sent as the <c>API-KEY</c> header. Never logged.</summary>
    [Setting("api_key", "The API key (CTX Web, Account Settings, API), sent as the API-KEY header. Setting it or feed_ids switches this source on.", Python = true, SwitchesSourceOn = true), Secret] public string? ApiKey { get; set; }

    /// <summary>Configured feed ids, trimmed, without duplicates.</summary>
    [Setting("feed_ids", "Comma-separated feed ids to pull; only those the key's team is actively subscribed to are read.", Python = true, SwitchesSourceOn = true)]
    public IReadOnlyList<string> FeedIds
    {
        get => _feedIds;
        set => _feedIds = [.. value.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary><c>interval_hours</c>: the schedule when <c>connector.duration_period</c> is unset (see <c>ConnectorSchedule</c>).</summary>
    [Setting("interval_hours", "Hours between runs (at least 1) when connector.duration_period is unset (a set duration_period wins); beside taxii2, the smaller of this and taxii2.interval.", Python = true), CountOf(TimeSpan.TicksPerHour), Bounds(1, 24 * 365)] public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hours to look back on a feed's first run; 0 (the default) means the whole feed history.</summary>
    [Setting("initial_history", "Hours of history read on a feed's first run; 0 reads the whole feed, as the Python connector does."), Bounds(0, 24 * 365 * 50)] public int InitialHistoryHours { get; set; }

    [Setting("max_pages", "Most pages (200 objects each) read from one feed in one run (a loop guard); the rest follows next run."), Bounds(1)] public int MaxPages { get; set; } = 10_000;

    /// <summary>The object-processing settings (the transformer's options are configured from them).</summary>
    [SettingGroup] public TransformerSettings TransformSettings { get; set; } = new();

    /// <summary>The object-processing settings alone (the de-duplication switch is read through them).</summary>
    public static SectionSettings TransformKeys => SectionSettings.ForGroup<TransformerSettings>(SectionName, pythonKeys: false);

    /// <summary>The base URL as an absolute URI with exactly one trailing slash.</summary>
    public Uri BaseUri => new(NormaliseBaseUrl(BaseUrl), UriKind.Absolute);

    /// <summary><c>https://host/api//</c> and <c>https://host/api</c> both become <c>https://host/api/</c>.</summary>
    public static string NormaliseBaseUrl(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.Trim().TrimEnd('/') + "/";
    }

    protected override void Check(ConfigValidationContext context)
    {
        if (ApiKey is null)
        {
            context.AddProblem(Key(nameof(ApiKey)), $"is required when the Cyber Threat Exchange source is on ({Key(nameof(FeedIds)).DisplayName} is set)");
        }

        if (FeedIds.Count == 0)
        {
            context.AddProblem(Key(nameof(FeedIds)), $"needs at least one feed id (comma-separated) when the Cyber Threat Exchange source is on ({Key(nameof(ApiKey)).DisplayName} is set)");
        }

        TransformSettings.Validate(context, Settings);
    }

    /// <summary><c>base_url</c>: an absolute http(s) URL, kept as text with exactly one trailing slash.</summary>
    private sealed class BaseUrlParser : ISettingParser
    {
        public object? Parse(ConfigSectionReader reader, ConfigKey key) =>
            reader.GetUri(key) is { } uri ? NormaliseBaseUrl(uri.OriginalString) : null;

        public string Format(object? value) => value as string ?? string.Empty;
    }
}
