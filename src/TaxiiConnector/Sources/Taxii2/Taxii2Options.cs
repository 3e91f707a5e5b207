using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>The TAXII 2 source (<c>taxii2.*</c>, <c>TAXII2_*</c>): the Python connector's keys, then ours.</summary>
public sealed class Taxii2Options : IConfigSourceSection<Taxii2Options>
{
    public const string Section = "taxii2";

    public static readonly ConfigKey DiscoveryUrlKey = Python("discovery_url", "", "The TAXII server's discovery URL (https://host/taxii2/). Setting it switches the TAXII 2 source on.");
    public static readonly ConfigKey UsernameKey = Python("username", "", "HTTP Basic user name.");
    public static readonly ConfigKey PasswordKey = Python("password", "", "HTTP Basic password.", secret: true);
    public static readonly ConfigKey UseTokenKey = Python("use_token", "false", "Authenticate with token (Authorization: <token_scheme> <token>).");
    public static readonly ConfigKey TokenKey = Python("token", "", "The token for use_token.", secret: true);
    public static readonly ConfigKey UseApiKeyKey = Python("use_apikey", "false", "Authenticate with an API-key header (apikey_key: apikey_value).");
    public static readonly ConfigKey ApiKeyKeyKey = Python("apikey_key", "", "The API-key header name (for example Ocp-Apim-Subscription-Key).");
    public static readonly ConfigKey ApiKeyValueKey = Python("apikey_value", "", "The API-key header value.", secret: true);
    public static readonly ConfigKey UseCertKey = Python("use_cert", "false", "Read by the Python connector but unused; cert_path alone enables mTLS.");
    public static readonly ConfigKey CertPathKey = Python("cert_path", "", "Client certificate for mTLS: PEM with certificate and key, PEM with key_path, or PFX with cert_password.");
    public static readonly ConfigKey VerifySslKey = Python("verify_ssl", "true", "Verify the server's TLS certificate (false logs a warning at start).");
    public static readonly ConfigKey V21Key = Python("v21", "true", "TAXII 2.1 (true) or 2.0 (false) when version is unset. The YAML name v2.1 is read too.") with { YamlAliases = ["v2.1"] };
    public static readonly ConfigKey CollectionsKey = Python("collections", "*.*", "Comma-separated root.collection entries: *.*, root.*, *.name, root.name (title or id).");
    public static readonly ConfigKey InitialHistoryKey = Python("initial_history", "24", "Hours of history fetched on a collection's first run.");
    public static readonly ConfigKey IntervalKey = Python("interval", "1", "Legacy: hours between runs when connector.duration_period is unset (beside cyberthreatexchange, the smaller of the two intervals).");
    public static readonly ConfigKey EnableUrlQueryLimitKey = Python("enable_url_query_limit", "false", "Send limit= with object requests (TAXII 2.1).");
    public static readonly ConfigKey UrlQueryLimitKey = Python("url_query_limit", "100", "The page size for limit=.");
    public static readonly ConfigKey VersionKey = Ours("version", "", "auto (probe 2.1, then 2.0), 2.0 or 2.1. Unset: v21 decides.");
    public static readonly ConfigKey TokenSchemeKey = Ours("token_scheme", "Bearer", "The Authorization scheme for use_token: Bearer, or Token for servers that expect what taxii2-client sends.");
    public static readonly ConfigKey KeyPathKey = Ours("key_path", "", "PEM private key of cert_path, when the certificate file holds no key.");
    public static readonly ConfigKey CertPasswordKey = Ours("cert_password", "", "Password of a PFX cert_path or an encrypted PEM key.", secret: true);
    public static readonly ConfigKey CaPathKey = Ours("ca_path", "", "PEM bundle of CA certificates trusted for the server, in addition to the system's.");
    public static readonly ConfigKey MaxPagesKey = Ours("max_pages", "100000", "Most pages read from one collection in one run (a loop guard).");
    public static readonly ConfigKey RequestTimeoutKey = Ours("request_timeout", "PT60S", "Timeout of one HTTP attempt (ISO-8601).");
    public static readonly ConfigKey TotalTimeoutKey = Ours("total_timeout", "PT10M", "Timeout of one request including its retries (ISO-8601).");
    public static readonly ConfigKey MaxRetriesKey = Ours("max_retries", "5", "Retries of a request on 408, 429, 5xx and network errors.");
    public static readonly ConfigKey MaxResponseBytesKey = Ours("max_response_bytes", "268435456", "Largest response body read, in bytes (256 MB).");

    public static readonly TransformerKeys TransformKeys = TransformerKeys.For(Section, pythonKeys: true);

    public static string SectionName => Section;

    public static ConfigKey EnabledBy => DiscoveryUrlKey;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        DiscoveryUrlKey, UsernameKey, PasswordKey, UseTokenKey, TokenKey, UseApiKeyKey, ApiKeyKeyKey, ApiKeyValueKey,
        UseCertKey, CertPathKey, VerifySslKey, V21Key, CollectionsKey, InitialHistoryKey, IntervalKey,
        EnableUrlQueryLimitKey, UrlQueryLimitKey,
        .. TransformKeys.All.Where(key => key.IsPythonKey),
        VersionKey, TokenSchemeKey, KeyPathKey, CertPasswordKey, CaPathKey, MaxPagesKey, RequestTimeoutKey,
        TotalTimeoutKey, MaxRetriesKey, MaxResponseBytesKey,
        .. TransformKeys.All.Where(key => !key.IsPythonKey),
    ];

    public bool IsEnabled { get; set; }

    public Uri? DiscoveryUrl { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseToken { get; set; }
    public string? Token { get; set; }
    public string TokenScheme { get; set; } = "Bearer";
    public bool UseApiKey { get; set; }
    public string? ApiKeyName { get; set; }
    public string? ApiKeyValue { get; set; }
    public string? CertPath { get; set; }
    public string? KeyPath { get; set; }
    public string? CertPassword { get; set; }
    public string? CaPath { get; set; }
    public bool VerifySsl { get; set; } = true;

    /// <summary>From <c>version</c>, or from <c>v21</c> when <c>version</c> is unset.</summary>
    public Taxii2VersionPreference Version { get; set; } = Taxii2VersionPreference.V21;

    /// <summary>Trimmed <c>root.collection</c> entries; <c>*.*</c> by default.</summary>
    public IReadOnlyList<string> Collections { get; set; } = ["*.*"];

    public TimeSpan InitialHistory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The legacy schedule, used only when <c>connector.duration_period</c> is unset.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>limit</c> sent with object requests, or null when <c>enable_url_query_limit</c> is off.</summary>
    public int? PageLimit { get; set; }

    public int MaxPages { get; set; } = 100_000;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);
    public int MaxRetries { get; set; } = 5;
    public long MaxResponseBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The object-processing settings; <see cref="ToTransformerOptions"/> gives the transformer's contract.</summary>
    public TransformerSettings Transform { get; set; } = new();

    public StixTransformerOptions ToTransformerOptions() => Transform.ToStixTransformerOptions();

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        IsEnabled = reader.GetRawValue(DiscoveryUrlKey) is not null;
        DiscoveryUrl = reader.GetUri(DiscoveryUrlKey);
        Username = reader.GetString(UsernameKey);
        Password = reader.GetRawValue(PasswordKey);
        UseToken = reader.GetBool(UseTokenKey);
        Token = reader.GetString(TokenKey);
        TokenScheme = reader.GetString(TokenSchemeKey) ?? "Bearer";
        UseApiKey = reader.GetBool(UseApiKeyKey);
        ApiKeyName = reader.GetString(ApiKeyKeyKey);
        ApiKeyValue = reader.GetString(ApiKeyValueKey);
        _ = reader.GetBool(UseCertKey);
        CertPath = reader.GetFilePath(CertPathKey);
        KeyPath = reader.GetFilePath(KeyPathKey);
        CertPassword = reader.GetRawValue(CertPasswordKey);
        CaPath = reader.GetFilePath(CaPathKey);
        VerifySsl = reader.GetBool(VerifySslKey);
        var v21 = reader.GetBool(V21Key);
        Version = reader.GetChoice(VersionKey, "auto", "2.0", "2.1") switch
        {
            "auto" => Taxii2VersionPreference.Auto,
            "2.0" => Taxii2VersionPreference.V20,
            "2.1" => Taxii2VersionPreference.V21,
            _ => v21 ? Taxii2VersionPreference.V21 : Taxii2VersionPreference.V20,
        };
        Collections = reader.GetList(CollectionsKey);
        InitialHistory = TimeSpan.FromHours(reader.GetInt(InitialHistoryKey, 0, 24 * 365 * 50));
        Interval = TimeSpan.FromHours(reader.GetInt(IntervalKey, 1, 24 * 365));
        var enableLimit = reader.GetBool(EnableUrlQueryLimitKey);
        var limit = reader.GetInt(UrlQueryLimitKey, 1, 100_000);
        PageLimit = enableLimit ? limit : null;
        MaxPages = reader.GetInt(MaxPagesKey, 1);
        RequestTimeout = reader.GetDuration(RequestTimeoutKey) ?? TimeSpan.FromSeconds(60);
        TotalTimeout = reader.GetDuration(TotalTimeoutKey) ?? TimeSpan.FromMinutes(10);
        MaxRetries = reader.GetInt(MaxRetriesKey, 0, 100);
        MaxResponseBytes = reader.GetLong(MaxResponseBytesKey, 1024);
        Transform = new TransformerSettings();
        Transform.Read(reader, TransformKeys);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsEnabled)
        {
            return;
        }

        if (UseToken && Token is null)
        {
            context.AddProblem(TokenKey, $"is required when {UseTokenKey.DisplayName} is true");
        }

        if (UseToken && TokenScheme.Any(char.IsWhiteSpace))
        {
            context.AddProblem(TokenSchemeKey, $"'{TokenScheme}' must be one word (Bearer or Token)");
        }

        if (UseApiKey && ApiKeyName is null)
        {
            context.AddProblem(ApiKeyKeyKey, $"is required when {UseApiKeyKey.DisplayName} is true");
        }

        if (UseApiKey && ApiKeyValue is null)
        {
            context.AddProblem(ApiKeyValueKey, $"is required when {UseApiKeyKey.DisplayName} is true");
        }

        if (!UseToken && !UseApiKey && Username is not null && Password is null)
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

        if (Collections.Count == 0)
        {
            context.AddProblem(CollectionsKey, "selects no collection (use *.* for all)");
        }

        if (RequestTimeout > TotalTimeout)
        {
            context.AddProblem(RequestTimeoutKey, $"must not be longer than {TotalTimeoutKey.DisplayName}");
        }

        Transform.Validate(context, TransformKeys);
    }

    private static ConfigKey Python(string name, string defaultValue, string description, bool secret = false) =>
        new(Section, name, defaultValue, description) { IsPythonKey = true, IsSecret = secret };

    private static ConfigKey Ours(string name, string defaultValue, string description, bool secret = false) =>
        new(Section, name, defaultValue, description) { IsSecret = secret };
}

/// <summary>Which TAXII 2 version to speak.</summary>
public enum Taxii2VersionPreference
{
    V21,
    V20,

    /// <summary>Probe 2.1 first, 2.0 on 404/406 or a non-TAXII content type.</summary>
    Auto,
}
