namespace TaxiiConnector.Server.Push;

/// <summary>One object of a pushed envelope, as a status resource lists it (status-details, §4.3.1).</summary>
public sealed record PushObjectRef(string Id, string Version);

/// <summary>What became of one pushed object.</summary>
/// <param name="Id">The STIX id.</param>
/// <param name="Version">The object's version (its <c>modified</c>, else <c>created</c>, else the request time).</param>
/// <param name="Succeeded">True when the object reached the sink.</param>
/// <param name="Message">Why it failed (or a note on success); shown to the partner in the status resource.</param>
public sealed record PushObjectResult(string Id, string Version, bool Succeeded, string? Message = null);

/// <summary>The state of one Add Objects request (TAXII 2.1 status resource, §4.3).</summary>
public sealed class PushStatus
{
    public PushStatus(string id, string collectionId, DateTimeOffset requestTimestamp, IReadOnlyList<PushObjectRef> pendings, IReadOnlyList<PushObjectResult> results)
    {
        Id = id;
        CollectionId = collectionId;
        RequestTimestamp = requestTimestamp;
        Pendings = pendings;
        Successes = results.Where(r => r.Succeeded).ToList();
        Failures = results.Where(r => !r.Succeeded).ToList();
    }

    public string Id { get; }

    public string CollectionId { get; }

    public DateTimeOffset RequestTimestamp { get; }

    public IReadOnlyList<PushObjectResult> Successes { get; }

    public IReadOnlyList<PushObjectResult> Failures { get; }

    public IReadOnlyList<PushObjectRef> Pendings { get; }

    public int TotalCount => Successes.Count + Failures.Count + Pendings.Count;

    /// <summary><c>complete</c> once nothing is pending, else <c>pending</c>.</summary>
    public string Status => Pendings.Count == 0 ? "complete" : "pending";
}
