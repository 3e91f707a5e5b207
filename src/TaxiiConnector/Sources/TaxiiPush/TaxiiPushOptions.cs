using System.Net;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.DataPaths;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// The TAXII 2.1 push endpoint (<c>taxii_push.*</c>, <c>TAXII_PUSH_*</c>): write-only collections that partners POST
/// envelopes to (OpenCTI's "TAXII Push" ingester), pushed on through the transformer and the sink like any source. On
/// when <c>enabled</c> is true; it runs alone or beside the pulling sources.
/// </summary>
public sealed class TaxiiPushOptions() : ConfigSourceSection<TaxiiPushOptions>("taxii_push")
{
    [Setting("enabled", "Run the TAXII 2.1 push endpoint (partners POST envelopes to it). It may run alone, without any pulling source.", SwitchesSourceOn = true)] public override bool IsEnabled { get; set; }

    /// <summary>Kestrel's wildcard forms (<c>http://*:5001</c>, <c>http://+:5001</c>) are read as <c>0.0.0.0</c>.</summary>
    [Setting("listen_url", "Where the endpoint listens: http:// or https:// (with cert_path), an IP address (0.0.0.0 = every interface) and a port (0 = any free port)."), ParsedWith(typeof(ListenUrlParser))] public Uri ListenUrl { get; set; } = new("http://0.0.0.0:5001");

    /// <summary>The address Kestrel binds (from <see cref="ListenUrl"/>: an IP address, or <c>localhost</c>).</summary>
    public IPAddress ListenAddress => ListenUrl.IsLoopback && ListenUrl.HostNameType == UriHostNameType.Dns
        ? IPAddress.Loopback
        : IPAddress.Parse(ListenUrl.Host.Trim('[', ']'));

    public int ListenPort => ListenUrl.Port;

    public bool UseHttps => ListenUrl.Scheme == Uri.UriSchemeHttps;

    [Setting("api_root", "The API root's URL segment: partners use {listen_url}/{api_root}/ (discovery at {listen_url}/taxii2/)."), Configures<TaxiiPushHostOptions>] public string ApiRoot { get; set; } = "push";

    [Setting("title", "The discovery resource's title."), Configures<TaxiiPushHostOptions>] public string Title { get; set; } = "TaxiiConnector push endpoint";

    [Setting("api_root_title", "The API root's title."), Configures<TaxiiPushHostOptions>] public string ApiRootTitle { get; set; } = "TaxiiConnector push API root";

    // The upper bound is Array.MaxLength - 1: a body is buffered in one array before it is validated and spooled.
    [Setting("max_content_length", "The largest request body accepted, in bytes (advertised in the API root; larger bodies get 413)."), Bounds(1024, 0x7FFF_FFC6), Configures<TaxiiPushHostOptions>] public long MaxContentLength { get; set; } = 10 * 1024 * 1024;

    /// <summary>Null: <see cref="DataDirectory.PushSpool"/> under <c>connector.data_dir</c> (see <see cref="SpoolDirectory"/>).</summary>
    [Setting("spool_path", "Directory where accepted envelopes wait, flushed to disk before the 202, until the sink acknowledged them (it survives restarts). Unset: push-spool under connector.data_dir.")] public string? SpoolPath { get; set; }

    [Setting("collections", "The collections partners write to. YAML: a list of maps with id, title, description, author_name, author_reliability, copy_confidence_to_score. Environment: id:Title items, comma-separated (id1:Title One,id2:Title Two).", Structured = true), ParsedWith(typeof(PushCollectionsReader))] public IReadOnlyList<PushCollectionSetting> Collections { get; set; } = [];

    [Setting("users", "Who may push, and where. YAML: a list of maps with name, password or token, collections (a list, or *). Environment: comma-separated NAME:PASSWORD@id1|id2 (HTTP Basic) or token:TOKEN@* (bearer, named token-N) entries.", Structured = true), Secret, ParsedWith(typeof(PushUsersReader))] public IReadOnlyList<PushUserSetting> Users { get; set; } = [];

    [Setting("copy_confidence_to_score", "Copy an indicator's confidence into x_opencti_score when it has no score (a collection's own setting wins).")] public bool CopyConfidenceToScore { get; set; }

    [Setting("delivery_attempts", "Deliveries of one accepted envelope at most while OpenCTI or its broker cannot take it (a doubling wait from 5 s to 5 min between them). After the last, or at once when the platform refuses (a wrong token, a rejected bundle), the envelope's status reports every object failed, so the partner sends them again."), Bounds(1, 10_000), Configures<PushConsumerOptions>] public int DeliveryAttempts { get; set; } = 50;

    [Setting("delivery_max_time", "No new delivery of an envelope starts once this long (ISO-8601) has passed since its first; its status then reports every object failed."), Configures<PushConsumerOptions>] public TimeSpan DeliveryMaxTime { get; set; } = TimeSpan.FromHours(4);

    [Setting("cert_path", "TLS certificate for an https listen_url: PEM (with its key inside or in key_path) or PFX/P12 (with cert_password).")] public string? CertPath { get; set; }

    [Setting("key_path", "PEM private key of cert_path, when the certificate file holds no key.")] public string? KeyPath { get; set; }

    [Setting("cert_password", "Password of a PFX/P12 cert_path.", Verbatim = true), Secret] public string? CertPassword { get; set; }

    /// <summary>The object-processing settings shared with the other sources (author, labels, score, marking, ...).</summary>
    [SettingGroup] public TransformerSettings Transform { get; set; } = new();

    /// <summary>The object-processing settings alone (the de-duplication switch is read through them).</summary>
    public static SectionSettings TransformKeys => SectionSettings.ForGroup<TransformerSettings>(SectionName, pythonKeys: false);

    /// <summary>Whether <see cref="CertPath"/> is a PFX/P12 file (holding its key, opened with <see cref="CertPassword"/>).</summary>
    public bool CertIsPfx => CertPath is not null
        && (CertPath.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || CertPath.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where the spool lives: <see cref="SpoolPath"/>, else <c>push-spool</c> under <c>connector.data_dir</c>.</summary>
    public string SpoolDirectory(ConnectorOptions connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return SpoolPath ?? Path.Combine(connector.DataDirectory, DataDirectory.PushSpool);
    }

    protected override void Check(ConfigValidationContext context)
    {
        if (ApiRoot.Contains('/', StringComparison.Ordinal) || ApiRoot.Equals("taxii2", StringComparison.OrdinalIgnoreCase) || !IsUrlSegment(ApiRoot))
        {
            context.AddProblem(Key(nameof(ApiRoot)), $"'{ApiRoot}' must be one URL segment (letters, digits, '-', '_', '.', '~') other than 'taxii2'");
        }

        ValidateCollections(context);
        ValidateUsers(context);
        ValidateCertificate(context);
        Transform.Validate(context, Settings);
    }

    private void ValidateCollections(ConfigValidationContext context)
    {
        if (Collections.Count == 0 && context.Reader.Problems.All(problem => problem.Key != Key(nameof(Collections))))
        {
            context.AddProblem(Key(nameof(Collections)), "is required: the push endpoint needs at least one collection (for example 6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b:Partner feed)");
        }

        foreach (var collection in Collections)
        {
            if (!IsUrlSegment(collection.Id) || collection.Id == "*")
            {
                context.AddProblem(Key(nameof(Collections)), $"'{collection.Id}' is not a usable collection id (letters, digits, '-', '_', '.', '~'; a UUID is usual)");
            }
        }

        foreach (var duplicate in Collections.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.AddProblem(Key(nameof(Collections)), $"the collection id '{duplicate.Key}' is listed {duplicate.Count()} times");
        }
    }

    private void ValidateUsers(ConfigValidationContext context)
    {
        if (Users.Count == 0 && context.Reader.Problems.All(problem => problem.Key != Key(nameof(Users))))
        {
            context.AddProblem(Key(nameof(Users)), "is required: the push endpoint never accepts anonymous writes (for example alice:PASSWORD@* or token:TOKEN@*)");
        }

        var known = Collections.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var user in Users)
        {
            if (user.Name.Contains(':', StringComparison.Ordinal) || user.Name.Any(char.IsWhiteSpace))
            {
                context.AddProblem(Key(nameof(Users)), $"user '{user.Name}': a name cannot contain ':' or spaces");
            }

            foreach (var unknown in user.Collections.Where(id => id != "*" && !known.Contains(id)))
            {
                context.AddProblem(Key(nameof(Users)), $"user '{user.Name}': collection '{unknown}' is not one of {Key(nameof(Collections)).DisplayName}");
            }
        }

        foreach (var duplicate in Users.GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.AddProblem(Key(nameof(Users)), $"the user name '{duplicate.Key}' is listed {duplicate.Count()} times");
        }

        // Two users with one token could not be told apart; the message names them, never the token.
        foreach (var shared in Users.Where(u => u.BearerToken is not null).GroupBy(u => u.BearerToken, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.AddProblem(Key(nameof(Users)), $"users {string.Join(", ", shared.Select(u => $"'{u.Name}'"))} share one token");
        }
    }

    private void ValidateCertificate(ConfigValidationContext context)
    {
        if (UseHttps && CertPath is null)
        {
            context.AddProblem(Key(nameof(CertPath)), $"is required with an https:// {Key(nameof(ListenUrl)).DisplayName}");
        }

        if (!UseHttps && CertPath is not null)
        {
            context.AddProblem(Key(nameof(ListenUrl)), $"must be https:// when {Key(nameof(CertPath)).DisplayName} is set");
        }

        if (CertPath is not null && !File.Exists(CertPath))
        {
            context.AddProblem(Key(nameof(CertPath)), $"the file '{CertPath}' does not exist");
        }

        var isPfx = CertIsPfx;
        if (KeyPath is not null && (CertPath is null || isPfx))
        {
            context.AddProblem(Key(nameof(KeyPath)), $"needs a PEM {Key(nameof(CertPath)).DisplayName} (a PFX holds its own key)");
        }
        else if (KeyPath is not null && !File.Exists(KeyPath))
        {
            context.AddProblem(Key(nameof(KeyPath)), $"the file '{KeyPath}' does not exist");
        }

        if (CertPassword is not null && !isPfx)
        {
            context.AddProblem(Key(nameof(CertPassword)), $"needs a PFX/P12 {Key(nameof(CertPath)).DisplayName}");
        }
    }

    private static bool IsUrlSegment(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');

    /// <summary><c>listen_url</c>: http(s)://ADDRESS:PORT, ADDRESS an IP address or <c>localhost</c>.</summary>
    private sealed class ListenUrlParser : ISettingParser
    {
        public object? Parse(ConfigSectionReader reader, ConfigKey key)
        {
            var text = reader.GetString(key);
            if (text is null)
            {
                return null;
            }

            var normalised = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                || url.AbsolutePath != "/" || url.Query.Length > 0 || url.UserInfo.Length > 0)
            {
                reader.AddProblem(key, $"'{text}' is not http(s)://ADDRESS:PORT (for example http://0.0.0.0:5001)");
                return null;
            }

            if (!(url.IsLoopback && url.HostNameType == UriHostNameType.Dns) && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
            {
                reader.AddProblem(key, $"'{text}': '{url.Host}' is not an IP address (use 0.0.0.0 for every interface, 127.0.0.1 for this machine only)");
                return null;
            }

            return url;
        }

        public string Format(object? value) => (value as Uri)?.OriginalString ?? string.Empty;
    }
}
