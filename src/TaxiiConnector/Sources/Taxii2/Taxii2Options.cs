using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>The TAXII 2 source (<c>taxii2.*</c>, <c>TAXII2_*</c>): the Python connector's keys, then ours.</summary>
public sealed class Taxii2Options() : ConfigSourceSection<Taxii2Options>("taxii2")
{
    [Setting("discovery_url", "The TAXII server's discovery URL (https://host/taxii2/). Setting it switches the TAXII 2 source on.", Python = true, SwitchesSourceOn = true), Configures<Taxii2SourceOptions>] public Uri? DiscoveryUrl { get; set; }

    [Setting("username", "HTTP Basic user name.", Python = true), Configures<Taxii2ClientOptions>] public string? Username { get; set; }

    [Setting("password", "HTTP Basic password.", Python = true, Verbatim = true), Secret, Configures<Taxii2ClientOptions>] public string? Password { get; set; }

    [Setting("use_token", "Authenticate with token (Authorization: <token_scheme> <token>).", Python = true), Configures<Taxii2ClientOptions>] public bool UseToken { get; set; }

    [Setting("token", "The token for use_token.", Python = true), Secret, Configures<Taxii2ClientOptions>] public string? Token { get; set; }

    [Setting("use_apikey", "Authenticate with an API-key header (apikey_key: apikey_value).", Python = true), Configures<Taxii2ClientOptions>] public bool UseApiKey { get; set; }

    [Setting("apikey_key", "The API-key header name (for example Ocp-Apim-Subscription-Key).", Python = true), Configures<Taxii2ClientOptions>(nameof(Taxii2ClientOptions.ApiKeyHeader))] public string? ApiKeyName { get; set; }

    [Setting("apikey_value", "The API-key header value.", Python = true), Secret, Configures<Taxii2ClientOptions>] public string? ApiKeyValue { get; set; }

    /// <summary>Read for compatibility only: <see cref="CertPath"/> alone enables mTLS.</summary>
    [Setting("use_cert", "Read by the Python connector but unused; cert_path alone enables mTLS.", Python = true)] public bool UseCert { get; set; }

    [Setting("cert_path", "Client certificate for mTLS: PEM with certificate and key, PEM with key_path, or PFX with cert_password.", Python = true), ExistingFile, Configures<ClientTlsOptions>(nameof(ClientTlsOptions.CertificatePath))] public string? CertPath { get; set; }

    [Setting("verify_ssl", "Verify the server's TLS certificate (false logs a warning at start).", Python = true), Configures<ClientTlsOptions>] public bool VerifySsl { get; set; } = true;

    [Setting("v21", "TAXII 2.1 (true) or 2.0 (false) when version is unset. The YAML name v2.1 is read too.", Python = true), Alias("v2.1")] public bool V21 { get; set; } = true;

    /// <summary>Trimmed <c>root.collection</c> entries; <c>*.*</c> by default.</summary>
    [Setting("collections", "Comma-separated root.collection entries: *.*, root.*, *.name, root.name (title or id).", Python = true), Configures<Taxii2SourceOptions>] public IReadOnlyList<string> Collections { get; set; } = ["*.*"];

    [Setting("initial_history", "Hours of history fetched on a collection's first run.", Python = true), Bounds(0, 24 * 365 * 50)] public int InitialHistoryHours { get; set; } = 24;

    [Setting("interval", "Legacy: hours between runs when connector.duration_period is unset (beside cyberthreatexchange, the smaller of the two intervals).", Python = true), Bounds(1, 24 * 365)] public int IntervalHours { get; set; } = 1;

    [Setting("enable_url_query_limit", "Send limit= with object requests (TAXII 2.1).", Python = true)] public bool EnableUrlQueryLimit { get; set; }

    [Setting("url_query_limit", "The page size for limit=.", Python = true), Bounds(1, 100_000)] public int UrlQueryLimit { get; set; } = 100;

    [Setting("version", "auto (probe 2.1, then 2.0), 2.0 or 2.1. Unset: v21 decides."), Choice("auto", "2.0", "2.1")] public string? VersionSetting { get; set; }

    [Setting("token_scheme", "The Authorization scheme for use_token: Bearer, or Token for servers that expect what taxii2-client sends."), Configures<Taxii2ClientOptions>] public string TokenScheme { get; set; } = "Bearer";

    [Setting("key_path", "PEM private key of cert_path, when the certificate file holds no key."), ExistingFile, Configures<ClientTlsOptions>(nameof(ClientTlsOptions.KeyPath))] public string? KeyPath { get; set; }

    [Setting("cert_password", "Password of a PFX cert_path or an encrypted PEM key.", Verbatim = true), Secret, Configures<ClientTlsOptions>(nameof(ClientTlsOptions.CertificatePassword))] public string? CertPassword { get; set; }

    [Setting("ca_path", "PEM bundle of CA certificates trusted for the server, in addition to the system's."), ExistingFile, Configures<ClientTlsOptions>(nameof(ClientTlsOptions.CaBundlePath))] public string? CaPath { get; set; }

    [Setting("max_pages", "Most pages read from one collection in one run (a loop guard)."), Bounds(1), Configures<Taxii2ClientOptions>] public int MaxPages { get; set; } = 100_000;

    [Setting("request_timeout", "Timeout of one HTTP attempt (ISO-8601)."), Configures<Taxii2ClientOptions>(nameof(Taxii2ClientOptions.AttemptTimeout))] public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Setting("total_timeout", "Timeout of one request including its retries (ISO-8601)."), Configures<Taxii2ClientOptions>] public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    [Setting("max_retries", "Retries of a request on 408, 429, 5xx and network errors."), Bounds(0, 100), Configures<Taxii2ClientOptions>] public int MaxRetries { get; set; } = 5;

    [Setting("max_response_bytes", "Largest response body read, in bytes (256 MB)."), Bounds(1024), Configures<Taxii2ClientOptions>] public long MaxResponseBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The object-processing settings (the transformer's options are configured from them).</summary>
    [SettingGroup(PythonKeys = true)] public TransformerSettings Transform { get; set; } = new();

    /// <summary>From <c>version</c>, or from <c>v21</c> when <c>version</c> is unset.</summary>
    public Taxii2VersionPreference Version => VersionSetting switch
    {
        "auto" => Taxii2VersionPreference.Auto,
        "2.0" => Taxii2VersionPreference.V20,
        "2.1" => Taxii2VersionPreference.V21,
        _ => V21 ? Taxii2VersionPreference.V21 : Taxii2VersionPreference.V20,
    };

    public TimeSpan InitialHistory => TimeSpan.FromHours(InitialHistoryHours);

    /// <summary>The legacy schedule, used only when <c>connector.duration_period</c> is unset.</summary>
    public TimeSpan Interval => TimeSpan.FromHours(IntervalHours);

    /// <summary>The <c>limit</c> sent with object requests, or null when <c>enable_url_query_limit</c> is off.</summary>
    public int? PageLimit => EnableUrlQueryLimit ? UrlQueryLimit : null;

    protected override void Check(ConfigValidationContext context)
    {
        if (UseToken && Token is null)
        {
            context.AddProblem(Key(nameof(Token)), $"is required when {Key(nameof(UseToken)).DisplayName} is true");
        }

        if (UseToken && TokenScheme.Any(char.IsWhiteSpace))
        {
            context.AddProblem(Key(nameof(TokenScheme)), $"'{TokenScheme}' must be one word (Bearer or Token)");
        }

        if (UseApiKey && ApiKeyName is null)
        {
            context.AddProblem(Key(nameof(ApiKeyName)), $"is required when {Key(nameof(UseApiKey)).DisplayName} is true");
        }

        if (UseApiKey && ApiKeyValue is null)
        {
            context.AddProblem(Key(nameof(ApiKeyValue)), $"is required when {Key(nameof(UseApiKey)).DisplayName} is true");
        }

        if (!UseToken && !UseApiKey && Username is not null && Password is null)
        {
            context.AddProblem(Key(nameof(Password)), $"is required with {Key(nameof(Username)).DisplayName}");
        }

        if (CertPath is null && KeyPath is not null)
        {
            context.AddProblem(Key(nameof(KeyPath)), $"needs {Key(nameof(CertPath)).DisplayName}");
        }

        if (CertPath is null && CertPassword is not null)
        {
            context.AddProblem(Key(nameof(CertPassword)), $"needs {Key(nameof(CertPath)).DisplayName}");
        }

        if (Collections.Count == 0)
        {
            context.AddProblem(Key(nameof(Collections)), "selects no collection (use *.* for all)");
        }

        if (RequestTimeout > TotalTimeout)
        {
            context.AddProblem(Key(nameof(RequestTimeout)), $"must not be longer than {Key(nameof(TotalTimeout)).DisplayName}");
        }

        Transform.Validate(context, Settings);
    }
}

/// <summary>Which TAXII 2 version to speak.</summary>
public enum Taxii2VersionPreference
{
    V21,
    V20,

    /// <summary>Probe 2.1 first, 2.0 on 404/406 or a non-TAXII content type.</summary>
    Auto,
}
