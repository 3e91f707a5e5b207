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
public sealed class CyberThreatExchangeOptions : IConfigSourceSection<CyberThreatExchangeOptions>
{
    public const string Section = "cyberthreatexchange";
    public const string DefaultBaseUrl = "https://api.cyberthreatexchange.com/";

    public static readonly ConfigKey BaseUrlKey = Python("base_url", DefaultBaseUrl, "The Cyber Threat Exchange API (normalised to one trailing slash).");
    public static readonly ConfigKey ApiKeyKey = Python("api_key", "", "The API key (CTX Web, Account Settings, API), sent as the API-KEY header. Setting it or feed_ids switches this source on.", secret: true);
    public static readonly ConfigKey FeedIdsKey = Python("feed_ids", "", "Comma-separated feed ids to pull; only those the key's team is actively subscribed to are read.");
    public static readonly ConfigKey IntervalHoursKey = Python("interval_hours", "1", "Hours between runs (at least 1) when connector.duration_period is unset (a set duration_period wins); beside taxii2, the smaller of this and taxii2.interval.");
    public static readonly ConfigKey InitialHistoryKey = Ours("initial_history", "0", "Hours of history read on a feed's first run; 0 reads the whole feed, as the Python connector does.");
    public static readonly ConfigKey MaxPagesKey = Ours("max_pages", "10000", "Most pages (200 objects each) read from one feed in one run (a loop guard); the rest follows next run.");

    public static readonly SectionSettings TransformKeys = SectionSettings.ForGroup<TransformerSettings>(Section, pythonKeys: false);

    public static string SectionName => Section;

    public static ConfigKey EnabledBy => ApiKeyKey;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        BaseUrlKey, ApiKeyKey, FeedIdsKey, IntervalHoursKey, InitialHistoryKey, MaxPagesKey, .. TransformKeys.Keys,
    ];

    public bool IsEnabled { get; set; }

    /// <summary>The API's root; <see cref="BaseUri"/> normalises it to exactly one trailing slash.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Sent as the <c>API-KEY</c> header. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Configured feed ids, trimmed, without duplicates.</summary>
    public IReadOnlyList<string> FeedIds { get; set; } = [];

    /// <summary><c>interval_hours</c>: the schedule when <c>connector.duration_period</c> is unset (see <c>ConnectorSchedule</c>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hours to look back on a feed's first run; 0 (the default) means the whole feed history.</summary>
    public int InitialHistoryHours { get; set; }

    public int MaxPages { get; set; } = 10_000;

    /// <summary>The object-processing settings (the transformer's options are configured from them).</summary>
    public TransformerSettings TransformSettings { get; set; } = new();

    /// <summary>The base URL as an absolute URI with exactly one trailing slash.</summary>
    public Uri BaseUri => new(NormaliseBaseUrl(BaseUrl), UriKind.Absolute);

    /// <summary><c>https://host/api//</c> and <c>https://host/api</c> both become <c>https://host/api/</c>.</summary>
    public static string NormaliseBaseUrl(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.Trim().TrimEnd('/') + "/";
    }

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ApiKey = reader.GetRawValue(ApiKeyKey)?.Trim();
        FeedIds = [.. reader.GetList(FeedIdsKey).Distinct(StringComparer.OrdinalIgnoreCase)];
        IsEnabled = ApiKey is not null || FeedIds.Count > 0;

        // Outside an enabled section nothing is parsed strictly: a stray value must not fail a TAXII-only process.
        var strict = IsEnabled ? reader : new ConfigSectionReader(reader.Configuration);
        BaseUrl = strict.GetUri(BaseUrlKey) is { } baseUri ? NormaliseBaseUrl(baseUri.OriginalString) : DefaultBaseUrl;
        Interval = TimeSpan.FromHours(strict.GetInt(IntervalHoursKey, 1, 24 * 365));
        InitialHistoryHours = strict.GetInt(InitialHistoryKey, 0, 24 * 365 * 50);
        MaxPages = strict.GetInt(MaxPagesKey, 1);
        TransformSettings = new TransformerSettings();
        SettingBinder.Bind(TransformSettings, TransformKeys, strict);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsEnabled)
        {
            return;
        }

        if (ApiKey is null)
        {
            context.AddProblem(ApiKeyKey, $"is required when the Cyber Threat Exchange source is on ({FeedIdsKey.DisplayName} is set)");
        }

        if (FeedIds.Count == 0)
        {
            context.AddProblem(FeedIdsKey, $"needs at least one feed id (comma-separated) when the Cyber Threat Exchange source is on ({ApiKeyKey.DisplayName} is set)");
        }

        TransformSettings.Validate(context, TransformKeys);
    }

    private static ConfigKey Python(string name, string defaultValue, string description, bool secret = false) =>
        new(Section, name, defaultValue, description) { IsPythonKey = true, IsSecret = secret };

    private static ConfigKey Ours(string name, string defaultValue, string description) =>
        new(Section, name, defaultValue, description);
}
