namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// The filters of one Get Objects read. Immutable: every collection gets its own query, so nothing (a stale <c>next</c>,
/// a moved <c>added_after</c>) leaks from one collection to the next.
/// </summary>
public sealed record TaxiiObjectsQuery
{
    /// <summary>
    /// <c>added_after</c>, sent exactly as given. Pass the server's own <c>X-TAXII-Date-Added-Last</c> (a page's
    /// <see cref="TaxiiObjectPage.ResumeAddedAfter"/>) verbatim; <see cref="TaxiiTimestamp.Format"/> formats a local time.
    /// </summary>
    public string? AddedAfter { get; init; }

    /// <summary>
    /// 2.1: the <c>limit</c> parameter (null: not sent, the server's default page size). 2.0: the size of each
    /// <c>Range: items a-b</c> request (null: <see cref="Taxii2ClientOptions.DefaultRangePageSize"/>).
    /// </summary>
    public int? Limit { get; init; }

    /// <summary>
    /// <c>match[field]</c> filters: field (<c>type</c>, <c>id</c>, <c>version</c>, <c>spec_version</c>) → values, sent
    /// comma-joined once per field (repeating a field is invalid TAXII).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Match { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Overrides <see cref="Taxii2ClientOptions.MaxPages"/> for this read.</summary>
    public int? MaxPages { get; init; }

    /// <summary>Returns a copy with one more <c>match[field]</c> filter.</summary>
    public TaxiiObjectsQuery WithMatch(string field, params string[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentNullException.ThrowIfNull(values);
        var match = new Dictionary<string, IReadOnlyList<string>>(Match, StringComparer.Ordinal) { [field] = values };
        return this with { Match = match };
    }
}
