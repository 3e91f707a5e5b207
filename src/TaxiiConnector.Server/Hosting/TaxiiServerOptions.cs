using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Hosting;

/// <summary>How <see cref="TaxiiServerHost"/> serves its read side.</summary>
public sealed class TaxiiServerOptions
{
    /// <summary>The collections and their objects.</summary>
    public required ITaxiiObjectStore Store { get; init; }

    /// <summary>The one API root's URL segment (served at <c>/{ApiRoot}/</c>).</summary>
    public string ApiRoot { get; init; } = "api1";

    public string Title { get; init; } = "TaxiiConnector TAXII 2.1 server";

    public string? Description { get; init; }

    public string ApiRootTitle { get; init; } = "TaxiiConnector API root";

    /// <summary>The address to bind; loopback unless a caller deliberately exposes the server.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 lets the system choose a free one (read it back from <see cref="TaxiiServerHost.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Objects per page when the request has no <c>limit</c>.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>The server's own cap: a larger <c>limit</c> is clamped to it (and <c>more</c> says there is more).</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>
    /// Objects a single request may examine when filters skip most of them; past it the page ends early with <c>more: true</c>,
    /// so a selective filter over a huge collection never makes one request do unbounded work.
    /// </summary>
    public long MaxObjectsScannedPerRequest { get; init; } = 200_000;

    /// <summary>Advertised in the API root (the largest request body the server accepts, in octets).</summary>
    public long MaxContentLength { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Advertise API roots in discovery as absolute URLs built from the request's host instead of relative ones
    /// (<c>/api1/</c>); both are valid TAXII 2.1.
    /// </summary>
    public bool AbsoluteApiRootUrls { get; init; }

    /// <summary>
    /// Middleware to run before the TAXII endpoints (request logging, rate limits, authentication; tests put their fault
    /// injection here). Null adds none.
    /// </summary>
    public Action<IApplicationBuilder>? ConfigureMiddleware { get; init; }

    /// <summary>Where the server logs; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Store);
        ArgumentNullException.ThrowIfNull(ListenAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiRootTitle);
        ApiRootAddressRules.Validate(ApiRoot, Port);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DefaultPageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DefaultPageSize, MaxPageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxObjectsScannedPerRequest);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxContentLength);
    }
}
