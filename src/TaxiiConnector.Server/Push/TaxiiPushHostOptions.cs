using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Hosting;

namespace TaxiiConnector.Server.Push;

/// <summary>
/// The TAXII 2.1 push endpoint: write-only collections that partners POST envelopes to (Add Objects, §5.5). The caller
/// sets the endpoint's identity and limits (the connector from its <c>taxii_push</c> section); nothing here is a default.
/// </summary>
public sealed class TaxiiPushHostOptions
{
    /// <summary>The API root's URL segment.</summary>
    public string ApiRoot { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string ApiRootTitle { get; set; } = string.Empty;

    public string? Description { get; set; }

    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>0 lets the system choose a free port.</summary>
    public int Port { get; set; }

    /// <summary>Serve HTTPS with this certificate (it must carry its private key); null serves plain HTTP.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The largest request body accepted, in octets; advertised in the API root. Larger bodies get 413.</summary>
    public long MaxContentLength { get; set; }

    public IReadOnlyList<TaxiiPushCollection> Collections { get; set; } = [];

    public IReadOnlyList<TaxiiPushUser> Users { get; set; } = [];

    /// <summary>Where accepted envelopes wait, on disk, until they were pushed.</summary>
    public string SpoolDirectory { get; set; } = string.Empty;

    /// <summary>How long a completed status stays readable (TAXII 2.1 §4.3 asks for at least 24 hours).</summary>
    public TimeSpan StatusRetention { get; set; } = TimeSpan.FromDays(7);

    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Told the outcome of every Add Objects POST: the collection id (<c>unknown</c> for an id that is not configured, so a
    /// caller probing ids cannot grow a metric's label set) and whether it was accepted (202). Feeds the host's metrics.
    /// </summary>
    public Action<string, bool>? EnvelopeObserved { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiRootTitle);
        ArgumentException.ThrowIfNullOrWhiteSpace(SpoolDirectory);
        ArgumentNullException.ThrowIfNull(ListenAddress);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ApiRootAddressRules.Validate(ApiRoot, Port);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxContentLength);

        // A body is buffered in one array before it is validated and spooled.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxContentLength, Array.MaxLength - 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(StatusRetention, TimeSpan.FromHours(24));
        if (Collections.Count == 0)
        {
            throw new ArgumentException("The push endpoint needs at least one collection.", nameof(Collections));
        }

        if (Collections.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != Collections.Count)
        {
            throw new ArgumentException("Push collection ids must be unique.", nameof(Collections));
        }

        if (Users.Count == 0)
        {
            throw new ArgumentException("The push endpoint needs at least one user: it never accepts anonymous writes.", nameof(Users));
        }

        foreach (var user in Users)
        {
            user.Validate();
        }
    }
}

/// <summary>A collection partners write to, and how its objects are attributed when they are pushed on.</summary>
public sealed record TaxiiPushCollection(string Id, string Title)
{
    public string? Description { get; init; }

    /// <summary>The author (identity name) the consumer sets on this collection's objects; null keeps the objects' own.</summary>
    public string? AuthorName { get; init; }

    /// <summary>The author's reliability (OpenCTI's <c>x_opencti_reliability</c>, e.g. "B - Usually reliable").</summary>
    public string? AuthorReliability { get; init; }

    /// <summary>Copy an indicator's <c>confidence</c> into <c>x_opencti_score</c> (OpenCTI's TAXII Push option).</summary>
    public bool CopyConfidenceToScore { get; init; }
}

/// <summary>
/// Someone allowed to push: a name with a password (HTTP Basic) and/or a bearer token, and the collections they may write
/// (ids; <c>*</c> for all).
/// </summary>
public sealed record TaxiiPushUser(string Name)
{
    public string? Password { get; init; }

    public string? BearerToken { get; init; }

    public IReadOnlyList<string> Collections { get; init; } = [];

    public bool CanWrite(string collectionId) =>
        Collections.Any(allowed => allowed == "*" || string.Equals(allowed, collectionId, StringComparison.Ordinal));

    // Records print their properties; a user must never print a secret into a log line or an exception.
    public override string ToString() => $"TaxiiPushUser {{ Name = {Name} }}";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        if (string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(BearerToken))
        {
            throw new ArgumentException($"Push user '{Name}' needs a password or a bearer token.");
        }

        if (Name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Push user '{Name}': a Basic user name cannot contain ':'.");
        }
    }
}
