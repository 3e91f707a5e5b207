namespace TaxiiConnector.Taxii.Taxii2.Resources;

/// <summary>One object's entry in a status resource (2.0 lists bare ids; 2.1 lists <c>{id, version, message}</c>).</summary>
public sealed record TaxiiStatusDetail(string Id, string? Version, string? Message);

/// <summary>The status resource of an Add Objects request.</summary>
public sealed record TaxiiStatus(
    string Id,
    string Status,
    string? RequestTimestamp,
    long TotalCount,
    long SuccessCount,
    long FailureCount,
    long PendingCount,
    IReadOnlyList<TaxiiStatusDetail> Successes,
    IReadOnlyList<TaxiiStatusDetail> Failures,
    IReadOnlyList<TaxiiStatusDetail> Pendings)
{
    public bool IsComplete => string.Equals(Status, "complete", StringComparison.OrdinalIgnoreCase);
}
