using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Stix.Stix1;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.Taxii11;

/// <summary>
/// The TAXII 1.1 / STIX 1.1.1 source (<c>taxii11.*</c>, <c>TAXII11_*</c>), for ThreatConnect and the ISAC and
/// government feeds that still serve TAXII 1.1. On when <c>discovery_url</c> or <c>poll_url</c> is set.
/// </summary>
public sealed class Taxii11Options : IConfigSourceSection<Taxii11Options>
{
    public const string Section = "taxii11";

    public static readonly ConfigKey DiscoveryUrlKey = Key("discovery_url", "", "The TAXII 1.1 discovery service URL (ThreatConnect: https://<instance>/api/taxii/discovery/). Setting it (or poll_url) switches the TAXII 1.1 source on.");
    public static readonly ConfigKey PollUrlKey = Key("poll_url", "", "The poll service URL, when there is no discovery service (then collections must be named, or collection_management_url set).");
    public static readonly ConfigKey CollectionManagementUrlKey = Key("collection_management_url", "", "The collection management service URL, when there is no discovery service.");
    public static readonly ConfigKey UsernameKey = Key("username", "", "HTTP Basic user name (ThreatConnect: the TAXII user, not the API key).");
    public static readonly ConfigKey PasswordKey = Key("password", "", "HTTP Basic password.", secret: true);
    public static readonly ConfigKey CertPathKey = Key("cert_path", "", "Client certificate for mTLS: PEM with certificate and key, PEM with key_path, or PFX with cert_password.");
    public static readonly ConfigKey KeyPathKey = Key("key_path", "", "PEM private key of cert_path, when the certificate file holds no key.");
    public static readonly ConfigKey CertPasswordKey = Key("cert_password", "", "Password of a PFX cert_path or an encrypted PEM key.", secret: true);
    public static readonly ConfigKey VerifySslKey = Key("verify_ssl", "true", "Verify the server's TLS certificate (false logs a warning at start).");
    public static readonly ConfigKey CollectionsKey = Key("collections", "*", "Comma-separated collection names (ThreatConnect: one per data owner); * = every available collection the server lists.");
    public static readonly ConfigKey InitialHistoryKey = Key("initial_history", "24", "Hours of history polled on a collection's first run.");
    public static readonly ConfigKey MaxWindowHoursKey = Key("max_window_hours", "24", "Longest poll window in hours (ThreatConnect refuses more than 24 by default).");
    public static readonly ConfigKey SafetyLagMinutesKey = Key("safety_lag_minutes", "5", "Windows end this many minutes before now, so content still being indexed is polled on the next run.");
    public static readonly ConfigKey TcV2DescriptionsKey = Key("tc_v2_descriptions", "true", "Parse ThreatConnect TC_V2 descriptions (desc, src, rating, threatassess, falsepositives, owner).");
    public static readonly ConfigKey IndicatorIdsKey = Key("indicator_ids", "stix1_id", "Indicator ids derived from the STIX 1 id (stix1_id) or from the pattern (pattern: stable when the producer's ids change per poll, as ThreatConnect documents).");
    public static readonly ConfigKey CreateReportKey = Key("create_report", "true", "Convert each STIX 1 package header (title, description, time) to a report referencing everything converted from the package, as the OASIS elevator does.");
    public static readonly ConfigKey MaxPartsKey = Key("max_parts", "1000", "Most Poll_Response parts read for one window (a loop guard).");
    public static readonly ConfigKey PageSizeKey = Key("page_size", "1000", "Converted objects per page pushed (intermediate pages of a window do not move the checkpoint).");
    public static readonly ConfigKey RequestTimeoutKey = Key("request_timeout", "PT120S", "Timeout of one HTTP attempt (ISO-8601).");

    public static readonly SectionSettings TransformKeys = SectionSettings.ForGroup<TransformerSettings>(Section, pythonKeys: false);

    public static string SectionName => Section;

    public static ConfigKey EnabledBy => DiscoveryUrlKey;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        DiscoveryUrlKey, PollUrlKey, CollectionManagementUrlKey, UsernameKey, PasswordKey, CertPathKey, KeyPathKey,
        CertPasswordKey, VerifySslKey, CollectionsKey, InitialHistoryKey, MaxWindowHoursKey, SafetyLagMinutesKey,
        TcV2DescriptionsKey, IndicatorIdsKey, CreateReportKey, MaxPartsKey, PageSizeKey, RequestTimeoutKey,
        .. TransformKeys.Keys,
    ];

    public bool IsEnabled { get; set; }

    public Uri? DiscoveryUrl { get; set; }
    public Uri? PollUrl { get; set; }
    public Uri? CollectionManagementUrl { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? CertPath { get; set; }
    public string? KeyPath { get; set; }
    public string? CertPassword { get; set; }
    public bool VerifySsl { get; set; } = true;

    /// <summary>Collection names; <c>*</c> alone means every available collection.</summary>
    public IReadOnlyList<string> Collections { get; set; } = ["*"];

    public bool AllCollections => Collections.Contains("*", StringComparer.Ordinal);

    public TimeSpan InitialHistory { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan SafetyLag { get; set; } = TimeSpan.FromMinutes(5);
    public bool TcV2Descriptions { get; set; } = true;
    public Stix1IndicatorIdSource IndicatorIds { get; set; } = Stix1IndicatorIdSource.Stix1Id;
    public bool CreateReport { get; set; } = true;
    public int MaxParts { get; set; } = 1000;
    public int PageSize { get; set; } = 1000;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The object-processing settings shared with the other sources (author, labels, score, marking, ...).</summary>
    public TransformerSettings Transform { get; set; } = new();

    public StixTransformerOptions ToTransformerOptions() => Transform.ToStixTransformerOptions();

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        IsEnabled = reader.GetRawValue(DiscoveryUrlKey) is not null || reader.GetRawValue(PollUrlKey) is not null;
        DiscoveryUrl = reader.GetUri(DiscoveryUrlKey);
        PollUrl = reader.GetUri(PollUrlKey);
        CollectionManagementUrl = reader.GetUri(CollectionManagementUrlKey);
        Username = reader.GetString(UsernameKey);
        Password = reader.GetRawValue(PasswordKey);
        CertPath = reader.GetString(CertPathKey);
        KeyPath = reader.GetString(KeyPathKey);
        CertPassword = reader.GetRawValue(CertPasswordKey);
        VerifySsl = reader.GetBool(VerifySslKey);
        Collections = reader.GetList(CollectionsKey);
        InitialHistory = TimeSpan.FromHours(reader.GetInt(InitialHistoryKey, 0, 24 * 365 * 50));
        MaxWindow = TimeSpan.FromHours(reader.GetInt(MaxWindowHoursKey, 1, 24 * 365));
        SafetyLag = TimeSpan.FromMinutes(reader.GetInt(SafetyLagMinutesKey, 0, 24 * 60));
        TcV2Descriptions = reader.GetBool(TcV2DescriptionsKey);
        IndicatorIds = reader.GetChoice(IndicatorIdsKey, "stix1_id", "pattern") == "pattern"
            ? Stix1IndicatorIdSource.Pattern
            : Stix1IndicatorIdSource.Stix1Id;
        CreateReport = reader.GetBool(CreateReportKey);
        MaxParts = reader.GetInt(MaxPartsKey, 1, 1_000_000);
        PageSize = reader.GetInt(PageSizeKey, 1, 1_000_000);
        RequestTimeout = reader.GetDuration(RequestTimeoutKey) ?? TimeSpan.FromSeconds(120);
        Transform = new TransformerSettings();
        SettingBinder.Bind(Transform, TransformKeys, reader);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsEnabled)
        {
            return;
        }

        if (DiscoveryUrl is null && PollUrl is null)
        {
            context.AddProblem(DiscoveryUrlKey, $"or {PollUrlKey.DisplayName} is required");
        }

        if (DiscoveryUrl is null && AllCollections && CollectionManagementUrl is null)
        {
            context.AddProblem(CollectionsKey, $"'*' needs {DiscoveryUrlKey.DisplayName} or {CollectionManagementUrlKey.DisplayName} to list the collections; otherwise name them");
        }

        if (Collections.Count == 0)
        {
            context.AddProblem(CollectionsKey, "selects no collection (use * for all)");
        }

        if (Username is not null && Password is null)
        {
            context.AddProblem(PasswordKey, $"is required with {UsernameKey.DisplayName}");
        }

        if (CertPath is null && KeyPath is not null)
        {
            context.AddProblem(KeyPathKey, $"needs {CertPathKey.DisplayName}");
        }

        if (CertPath is null && CertPassword is not null)
        {
            context.AddProblem(CertPasswordKey, $"needs {CertPathKey.DisplayName}");
        }

        if (CertPath is not null && !File.Exists(CertPath))
        {
            context.AddProblem(CertPathKey, $"'{CertPath}' does not exist");
        }

        Transform.Validate(context, TransformKeys);
    }

    private static ConfigKey Key(string name, string defaultValue, string description, bool secret = false) =>
        new(Section, name, defaultValue, description) { IsSecret = secret };
}
