using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Stix.Stix1;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.Taxii1;

namespace TaxiiConnector.Sources.Taxii11;

/// <summary>
/// The TAXII 1.1 / STIX 1.1.1 source (<c>taxii11.*</c>, <c>TAXII11_*</c>), for ThreatConnect and the ISAC and
/// government feeds that still serve TAXII 1.1. On when <c>discovery_url</c> or <c>poll_url</c> is set.
/// </summary>
public sealed class Taxii11Options() : ConfigSourceSection<Taxii11Options>("taxii11")
{
    [Setting("discovery_url", "The TAXII 1.1 discovery service URL (ThreatConnect: https://<instance>/api/taxii/discovery/). Setting it (or poll_url) switches the TAXII 1.1 source on.", SwitchesSourceOn = true)] public Uri? DiscoveryUrl { get; set; }

    [Setting("poll_url", "The poll service URL, when there is no discovery service (then collections must be named, or collection_management_url set).", SwitchesSourceOn = true)] public Uri? PollUrl { get; set; }

    [Setting("collection_management_url", "The collection management service URL, when there is no discovery service.")] public Uri? CollectionManagementUrl { get; set; }

    [Setting("username", "HTTP Basic user name (ThreatConnect: the TAXII user, not the API key)."), Configures<Taxii1ClientOptions>] public string? Username { get; set; }

    [Setting("password", "HTTP Basic password.", Verbatim = true), Secret, Configures<Taxii1ClientOptions>] public string? Password { get; set; }

    [Setting("cert_path", "Client certificate for mTLS: PEM with certificate and key, PEM with key_path, or PFX with cert_password."), Configures<ClientTlsOptions>(nameof(ClientTlsOptions.CertificatePath))] public string? CertPath { get; set; }

    [Setting("key_path", "PEM private key of cert_path, when the certificate file holds no key."), Configures<ClientTlsOptions>] public string? KeyPath { get; set; }

    [Setting("cert_password", "Password of a PFX cert_path or an encrypted PEM key.", Verbatim = true), Secret, Configures<ClientTlsOptions>(nameof(ClientTlsOptions.CertificatePassword))] public string? CertPassword { get; set; }

    [Setting("verify_ssl", "Verify the server's TLS certificate (false logs a warning at start)."), Configures<ClientTlsOptions>] public bool VerifySsl { get; set; } = true;

    /// <summary>Collection names; <c>*</c> alone means every available collection.</summary>
    [Setting("collections", "Comma-separated collection names (ThreatConnect: one per data owner); * = every available collection the server lists.")] public IReadOnlyList<string> Collections { get; set; } = ["*"];

    public bool AllCollections => Collections.Contains("*", StringComparer.Ordinal);

    [Setting("initial_history", "Hours of history polled on a collection's first run."), CountOf(TimeSpan.TicksPerHour), Bounds(0, 24 * 365 * 50)] public TimeSpan InitialHistory { get; set; } = TimeSpan.FromHours(24);

    [Setting("max_window_hours", "Longest poll window in hours (ThreatConnect refuses more than 24 by default)."), CountOf(TimeSpan.TicksPerHour), Bounds(1, 24 * 365)] public TimeSpan MaxWindow { get; set; } = TimeSpan.FromHours(24);

    [Setting("safety_lag_minutes", "Windows end this many minutes before now, so content still being indexed is polled on the next run."), CountOf(TimeSpan.TicksPerMinute), Bounds(0, 24 * 60)] public TimeSpan SafetyLag { get; set; } = TimeSpan.FromMinutes(5);

    [Setting("tc_v2_descriptions", "Parse ThreatConnect TC_V2 descriptions (desc, src, rating, threatassess, falsepositives, owner).")] public bool TcV2Descriptions { get; set; } = true;

    [Setting("indicator_ids", "Indicator ids derived from the STIX 1 id (stix1_id) or from the pattern (pattern: stable when the producer's ids change per poll, as ThreatConnect documents)."), Choice("stix1_id", "pattern")] public string IndicatorIdsSetting { get; set; } = "stix1_id";

    public Stix1IndicatorIdSource IndicatorIds => IndicatorIdsSetting == "pattern" ? Stix1IndicatorIdSource.Pattern : Stix1IndicatorIdSource.Stix1Id;

    [Setting("create_report", "Convert each STIX 1 package header (title, description, time) to a report referencing everything converted from the package, as the OASIS elevator does.")] public bool CreateReport { get; set; } = true;

    [Setting("max_parts", "Most Poll_Response parts read for one window (a loop guard)."), Bounds(1, 1_000_000), Configures<Taxii1ClientOptions>(nameof(Taxii1ClientOptions.MaxPollParts))] public int MaxParts { get; set; } = 1000;

    [Setting("page_size", "Converted objects per page pushed (intermediate pages of a window do not move the checkpoint)."), Bounds(1, 1_000_000)] public int PageSize { get; set; } = 1000;

    [Setting("request_timeout", "Timeout of one HTTP attempt (ISO-8601)."), Configures<Taxii1ClientOptions>] public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The object-processing settings shared with the other sources (author, labels, score, marking, ...).</summary>
    [SettingGroup] public TransformerSettings Transform { get; set; } = new();

    protected override void Check(ConfigValidationContext context)
    {
        if (DiscoveryUrl is null && PollUrl is null)
        {
            context.AddProblem(Key(nameof(DiscoveryUrl)), $"or {Key(nameof(PollUrl)).DisplayName} is required");
        }

        if (DiscoveryUrl is null && AllCollections && CollectionManagementUrl is null)
        {
            context.AddProblem(Key(nameof(Collections)), $"'*' needs {Key(nameof(DiscoveryUrl)).DisplayName} or {Key(nameof(CollectionManagementUrl)).DisplayName} to list the collections; otherwise name them");
        }

        if (Collections.Count == 0)
        {
            context.AddProblem(Key(nameof(Collections)), "selects no collection (use * for all)");
        }

        if (Username is not null && Password is null)
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

        if (CertPath is not null && !File.Exists(CertPath))
        {
            context.AddProblem(Key(nameof(CertPath)), $"'{CertPath}' does not exist");
        }

        Transform.Validate(context, Settings);
    }
}
