using System.Net;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.DataPaths;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// The TAXII 2.1 push endpoint (<c>taxii_push.*</c>, <c>TAXII_PUSH_*</c>): write-only collections that partners POST
/// envelopes to (OpenCTI's "TAXII Push" ingester), pushed on through the transformer and the sink like any source. On
/// when <c>enabled</c> is true; it runs alone or beside the pulling sources.
/// </summary>
public sealed class TaxiiPushOptions : IConfigSourceSection<TaxiiPushOptions>
{
    public const string Section = "taxii_push";

    public static readonly ConfigKey EnabledKey = Key("enabled", "false", "Run the TAXII 2.1 push endpoint (partners POST envelopes to it). It may run alone, without any pulling source.");
    public static readonly ConfigKey ListenUrlKey = Key("listen_url", "http://0.0.0.0:5001", "Where the endpoint listens: http:// or https:// (with cert_path), an IP address (0.0.0.0 = every interface) and a port (0 = any free port).");
    public static readonly ConfigKey ApiRootKey = Key("api_root", "push", "The API root's URL segment: partners use {listen_url}/{api_root}/ (discovery at {listen_url}/taxii2/).");
    public static readonly ConfigKey TitleKey = Key("title", "TaxiiConnector push endpoint", "The discovery resource's title.");
    public static readonly ConfigKey ApiRootTitleKey = Key("api_root_title", "TaxiiConnector push API root", "The API root's title.");
    public static readonly ConfigKey MaxContentLengthKey = Key("max_content_length", "10485760", "The largest request body accepted, in bytes (advertised in the API root; larger bodies get 413).");
    public static readonly ConfigKey SpoolPathKey = Key("spool_path", "", "Directory where accepted envelopes wait, flushed to disk before the 202, until the sink acknowledged them (it survives restarts). Unset: push-spool under connector.data_dir.");
    public static readonly ConfigKey CollectionsKey = Key("collections", "", "The collections partners write to. YAML: a list of maps with id, title, description, author_name, author_reliability, copy_confidence_to_score. Environment: id:Title items, comma-separated (id1:Title One,id2:Title Two).") with { IsStructured = true };
    public static readonly ConfigKey UsersKey = Key("users", "", "Who may push, and where. YAML: a list of maps with name, password or token, collections (a list, or *). Environment: comma-separated NAME:PASSWORD@id1|id2 (HTTP Basic) or token:TOKEN@* (bearer, named token-N) entries.", secret: true) with { IsStructured = true };
    public static readonly ConfigKey CopyConfidenceToScoreKey = Key("copy_confidence_to_score", "false", "Copy an indicator's confidence into x_opencti_score when it has no score (a collection's own setting wins).");
    public static readonly ConfigKey CertPathKey = Key("cert_path", "", "TLS certificate for an https listen_url: PEM (with its key inside or in key_path) or PFX/P12 (with cert_password).");
    public static readonly ConfigKey KeyPathKey = Key("key_path", "", "PEM private key of cert_path, when the certificate file holds no key.");
    public static readonly ConfigKey CertPasswordKey = Key("cert_password", "", "Password of a PFX/P12 cert_path.", secret: true);

    public static readonly SectionSettings TransformKeys = SectionSettings.ForGroup<TransformerSettings>(Section, pythonKeys: false);

    public static string SectionName => Section;

    public static ConfigKey EnabledBy => EnabledKey;

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        EnabledKey, ListenUrlKey, ApiRootKey, TitleKey, ApiRootTitleKey, MaxContentLengthKey, SpoolPathKey, CollectionsKey,
        UsersKey, CopyConfidenceToScoreKey, CertPathKey, KeyPathKey, CertPasswordKey,
        .. TransformKeys.Keys,
    ];

    public bool IsEnabled { get; set; }

    public Uri ListenUrl { get; set; } = new("http://0.0.0.0:5001");

    /// <summary>The address Kestrel binds (from <see cref="ListenUrl"/>).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Any;

    public int ListenPort { get; set; } = 5001;

    public bool UseHttps => ListenUrl.Scheme == Uri.UriSchemeHttps;

    public string ApiRoot { get; set; } = "push";
    public string Title { get; set; } = "TaxiiConnector push endpoint";
    public string ApiRootTitle { get; set; } = "TaxiiConnector push API root";
    public long MaxContentLength { get; set; } = 10 * 1024 * 1024;
    public string SpoolPath { get; set; } = Path.Combine(ConnectorOptions.DefaultDataDirectory, DataDirectory.PushSpool);
    public IReadOnlyList<PushCollectionSetting> Collections { get; set; } = [];
    public IReadOnlyList<PushUserSetting> Users { get; set; } = [];
    public bool CopyConfidenceToScore { get; set; }
    public string? CertPath { get; set; }
    public string? KeyPath { get; set; }
    public string? CertPassword { get; set; }

    /// <summary>The object-processing settings shared with the other sources (author, labels, score, marking, ...).</summary>
    public TransformerSettings Transform { get; set; } = new();

    /// <summary>
    /// The transformer options for one collection: the section's settings, with the collection's author (its own, else the
    /// section's <c>author_name</c> when <c>create_author</c> is on) and its copy-confidence switch.
    /// </summary>
    public StixTransformerOptions ToTransformerOptions(PushCollectionSetting? collection)
    {
        var options = StixTransformerOptionsSetup.Create(Section, Transform);
        var authorName = collection?.AuthorName ?? (Transform.CreateAuthor ? Transform.AuthorName : null);
        options.CreateAuthor = authorName is not null;
        options.AuthorName = authorName;
        options.AuthorReliability = collection?.AuthorReliability ?? Transform.AuthorReliability;
        options.CopyConfidenceToScore = collection?.CopyConfidenceToScore ?? CopyConfidenceToScore;
        return options;
    }

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        IsEnabled = reader.GetBool(EnabledKey);
        ReadListenUrl(reader);
        ApiRoot = reader.GetString(ApiRootKey) ?? "push";
        Title = reader.GetString(TitleKey) ?? "TaxiiConnector push endpoint";
        ApiRootTitle = reader.GetString(ApiRootTitleKey) ?? "TaxiiConnector push API root";
        MaxContentLength = reader.GetLong(MaxContentLengthKey, 1024, Array.MaxLength - 1);
        SpoolPath = reader.GetString(SpoolPathKey) ?? DataDirectory.Under(reader, DataDirectory.PushSpool);
        Collections = PushCollectionsReader.Read(reader, CollectionsKey);
        Users = PushUsersReader.Read(reader, UsersKey);
        CopyConfidenceToScore = reader.GetBool(CopyConfidenceToScoreKey);
        CertPath = reader.GetString(CertPathKey);
        KeyPath = reader.GetString(KeyPathKey);
        CertPassword = reader.GetRawValue(CertPasswordKey);
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

        if (ApiRoot.Contains('/', StringComparison.Ordinal) || ApiRoot.Equals("taxii2", StringComparison.OrdinalIgnoreCase) || !IsUrlSegment(ApiRoot))
        {
            context.AddProblem(ApiRootKey, $"'{ApiRoot}' must be one URL segment (letters, digits, '-', '_', '.', '~') other than 'taxii2'");
        }

        ValidateCollections(context);
        ValidateUsers(context);
        ValidateCertificate(context);
        Transform.Validate(context, TransformKeys);
    }

    private void ValidateCollections(ConfigValidationContext context)
    {
        if (Collections.Count == 0 && context.Reader.Problems.All(problem => problem.Key != CollectionsKey))
        {
            context.AddProblem(CollectionsKey, "is required: the push endpoint needs at least one collection (for example 6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b:Partner feed)");
        }

        foreach (var collection in Collections)
        {
            if (!IsUrlSegment(collection.Id) || collection.Id == "*")
            {
                context.AddProblem(CollectionsKey, $"'{collection.Id}' is not a usable collection id (letters, digits, '-', '_', '.', '~'; a UUID is usual)");
            }
        }

        foreach (var duplicate in Collections.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.AddProblem(CollectionsKey, $"the collection id '{duplicate.Key}' is listed {duplicate.Count()} times");
        }
    }

    private void ValidateUsers(ConfigValidationContext context)
    {
        if (Users.Count == 0 && context.Reader.Problems.All(problem => problem.Key != UsersKey))
        {
            context.AddProblem(UsersKey, "is required: the push endpoint never accepts anonymous writes (for example alice:PASSWORD@* or token:TOKEN@*)");
        }

        var known = Collections.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var user in Users)
        {
            if (user.Name.Contains(':', StringComparison.Ordinal) || user.Name.Any(char.IsWhiteSpace))
            {
                context.AddProblem(UsersKey, $"user '{user.Name}': a name cannot contain ':' or spaces");
            }

            foreach (var unknown in user.Collections.Where(id => id != "*" && !known.Contains(id)))
            {
                context.AddProblem(UsersKey, $"user '{user.Name}': collection '{unknown}' is not one of {CollectionsKey.DisplayName}");
            }
        }

        foreach (var duplicate in Users.GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.AddProblem(UsersKey, $"the user name '{duplicate.Key}' is listed {duplicate.Count()} times");
        }

        // Two users with one token could not be told apart; the message names them, never the token.
        foreach (var shared in Users.Where(u => u.BearerToken is not null).GroupBy(u => u.BearerToken, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.AddProblem(UsersKey, $"users {string.Join(", ", shared.Select(u => $"'{u.Name}'"))} share one token");
        }
    }

    private void ValidateCertificate(ConfigValidationContext context)
    {
        if (UseHttps && CertPath is null)
        {
            context.AddProblem(CertPathKey, $"is required with an https:// {ListenUrlKey.DisplayName}");
        }

        if (!UseHttps && CertPath is not null)
        {
            context.AddProblem(ListenUrlKey, $"must be https:// when {CertPathKey.DisplayName} is set");
        }

        if (CertPath is not null && !File.Exists(CertPath))
        {
            context.AddProblem(CertPathKey, $"the file '{CertPath}' does not exist");
        }

        var isPfx = CertPath is not null && (CertPath.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || CertPath.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));
        if (KeyPath is not null && (CertPath is null || isPfx))
        {
            context.AddProblem(KeyPathKey, $"needs a PEM {CertPathKey.DisplayName} (a PFX holds its own key)");
        }
        else if (KeyPath is not null && !File.Exists(KeyPath))
        {
            context.AddProblem(KeyPathKey, $"the file '{KeyPath}' does not exist");
        }

        if (CertPassword is not null && !isPfx)
        {
            context.AddProblem(CertPasswordKey, $"needs a PFX/P12 {CertPathKey.DisplayName}");
        }
    }

    private void ReadListenUrl(ConfigSectionReader reader)
    {
        var text = reader.GetString(ListenUrlKey) ?? ListenUrlKey.DefaultValue;

        // Kestrel's wildcard forms (http://*:5001, http://+:5001) are not URIs .NET parses; they mean every interface.
        var normalised = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            reader.AddProblem(ListenUrlKey, $"'{text}' is not http(s)://ADDRESS:PORT (for example http://0.0.0.0:5001)");
            return;
        }

        IPAddress? address = url.IsLoopback && url.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback : null;
        if (address is null && !IPAddress.TryParse(url.Host.Trim('[', ']'), out address))
        {
            reader.AddProblem(ListenUrlKey, $"'{text}': '{url.Host}' is not an IP address (use 0.0.0.0 for every interface, 127.0.0.1 for this machine only)");
            return;
        }

        ListenUrl = url;
        ListenAddress = address;
        ListenPort = url.Port;
    }

    private static bool IsUrlSegment(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');

    private static ConfigKey Key(string name, string defaultValue, string description, bool secret = false) =>
        new(Section, name, defaultValue, description) { IsSecret = secret };
}
