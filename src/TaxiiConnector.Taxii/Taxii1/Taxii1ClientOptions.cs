using TaxiiConnector.Taxii.Auth;

namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>
/// How a <see cref="Taxii1Client"/> authenticates and how far it goes before giving up. The host configures every value
/// it declares a setting for (auth, TLS, the attempt timeout, the part cap), so those have no default here; the defaults
/// below are for what the host does not expose.
/// </summary>
public sealed class Taxii1ClientOptions
{
    /// <summary>HTTP Basic user (ThreatConnect: the dedicated TAXII user, not the REST API key).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Client certificate (mTLS) and server certificate checks.</summary>
    public ClientTlsOptions Tls { get; } = new();

    /// <summary>Timeout of one HTTP attempt until the response headers (the body is then streamed).</summary>
    public TimeSpan RequestTimeout { get; set; }

    /// <summary>
    /// Content bindings asked for in <c>Poll_Parameters</c>. Empty (the default) asks for every binding: ThreatConnect
    /// advertises a non-URN binding id and its own sample sends none.
    /// </summary>
    public IReadOnlyList<string> PollContentBindings { get; set; } = [];

    /// <summary>Loop guard: the most Poll_Response parts read for one poll (the first response included).</summary>
    public int MaxPollParts { get; set; }

    /// <summary>How many RETRY / PENDING / NETWORK_ERROR answers in a row are waited out before giving up.</summary>
    public int MaxStatusRetries { get; set; } = 5;

    /// <summary>The wait when a RETRY or PENDING status carries no usable <c>ESTIMATED_WAIT</c>.</summary>
    public TimeSpan DefaultStatusWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on a server-requested wait, so a hostile <c>ESTIMATED_WAIT</c> cannot park the run.</summary>
    public TimeSpan MaxStatusWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound on the characters of a non-poll response (discovery, collection information, status).</summary>
    public long MaxSmallResponseCharacters { get; set; } = 16L * 1024 * 1024;
}
