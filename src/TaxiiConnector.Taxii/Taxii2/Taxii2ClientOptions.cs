using TaxiiConnector.Taxii.Auth;

namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>
/// Everything a <see cref="Taxii2Client"/> needs: protocol, auth, TLS, timeouts, retries and paging limits. The host
/// configures every value it declares a setting for (version, auth, TLS, timeouts, retries, limits), so those have no
/// default here; the defaults below are for what the host does not expose.
/// </summary>
public sealed class Taxii2ClientOptions
{
    /// <summary>The protocol version; <see cref="TaxiiVersion.Auto"/> probes 2.1 then 2.0.</summary>
    public TaxiiVersion Version { get; set; }

    // ---- Authentication. Token wins over Basic for the Authorization header; the API-key header is independent.

    /// <summary>HTTP Basic user name (Basic is sent only when this is set and token auth is off).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>When true, sends <c>Authorization: {TokenScheme} {Token}</c>.</summary>
    public bool UseToken { get; set; }

    public string? Token { get; set; }

    /// <summary><c>Bearer</c> (default, as the Python connector documents) or <c>Token</c> (what taxii2-client really sends).</summary>
    public string TokenScheme { get; set; } = string.Empty;

    /// <summary>When true, sends the header <see cref="ApiKeyHeader"/> with <see cref="ApiKeyValue"/>.</summary>
    public bool UseApiKey { get; set; }

    public string? ApiKeyHeader { get; set; }

    public string? ApiKeyValue { get; set; }

    /// <summary>Client certificate (mTLS) and server certificate checks.</summary>
    public ClientTlsOptions Tls { get; } = new();

    // ---- Resilience.

    /// <summary>Timeout of one attempt, up to the response headers and again for reading one response body.</summary>
    public TimeSpan AttemptTimeout { get; set; }

    /// <summary>Timeout of one request including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; }

    /// <summary>Retries on 408, 429, 5xx and network errors (exponential back-off with jitter; <c>Retry-After</c> wins).</summary>
    public int MaxRetries { get; set; }

    /// <summary>First back-off delay; doubled per retry.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is shortened to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Responses larger than this many bytes are rejected (a guard against a server streaming for ever).</summary>
    public long MaxResponseBytes { get; set; }

    // ---- Paging.

    /// <summary>Pages one collection read may take before it stops with a <see cref="Errors.TaxiiPaginationException"/>.</summary>
    public int MaxPages { get; set; }

    /// <summary>
    /// Compatibility switch for servers that send <c>next</c> without <c>more: true</c>: keep following <c>next</c>
    /// (the loop guards still apply). Off by default: per TAXII 2.1 a missing <c>more</c> means the result is complete.
    /// </summary>
    public bool FollowNextWithoutMore { get; set; }

    /// <summary>2.0 <c>Range</c> size when the query sets no limit.</summary>
    public int DefaultRangePageSize { get; set; } = 100;

    /// <summary>
    /// Object versions remembered per collection read to detect repeated pages: a window of the most recent ones
    /// (about 22 bytes each), so a repeat cycle of up to this many objects is caught with flat memory.
    /// </summary>
    public int MaxTrackedObjectVersions { get; set; } = 100_000;

    /// <summary>Sent as <c>User-Agent</c>.</summary>
    public string UserAgent { get; set; } = "TaxiiConnector/0.1";
}
