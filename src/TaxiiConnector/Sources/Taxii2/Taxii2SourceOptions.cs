using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources.Taxii2;

/// <summary>
/// What the <c>taxii2</c> source reads and how its objects are processed: configured from the <c>taxii2</c> section by
/// <see cref="Taxii2SourceOptionsSetup"/>, plus what code (the demo) sets. Defaults live on <see cref="Taxii2Options"/>.
/// </summary>
public sealed class Taxii2SourceOptions
{
    /// <summary><c>taxii2.discovery_url</c>.</summary>
    public Uri? DiscoveryUrl { get; set; }

    /// <summary><c>taxii2.collections</c>: <c>root.collection</c> entries; none means <c>*.*</c>.</summary>
    public IReadOnlyList<string> Collections { get; set; } = [];

    /// <summary><c>taxii2.initial_history</c>: how far back a collection without a committed cursor starts.</summary>
    public TimeSpan InitialHistory { get; set; }

    /// <summary>The <c>limit</c> sent with Get Objects (null: not sent; <c>taxii2.enable_url_query_limit</c> off).</summary>
    public int? Limit { get; set; }

    /// <summary>API roots to read instead of the advertised ones (servers behind a reverse-proxy prefix).</summary>
    public IReadOnlyList<Uri> ApiRootOverrides { get; set; } = [];

    public StixTransformerOptions Transform { get; set; } = new();

    /// <summary>
    /// Replaces the scheme, host and port of the API root URL in state keys (null: the URL as it is). The demo's server
    /// listens on a new free port each time; under a stable origin a second demo still finds its cursors.
    /// </summary>
    public string? StateKeyOrigin { get; set; }
}
