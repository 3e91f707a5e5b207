using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Server.Storage;

/// <summary>A collection as the collection resource describes it (TAXII 2.1 §5.2).</summary>
public sealed record TaxiiCollectionInfo
{
    public TaxiiCollectionInfo(string id, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = id;
        Title = title;
    }

    /// <summary>The collection id (a v4 UUID), also its URL segment.</summary>
    public string Id { get; }

    public string Title { get; }

    public string? Description { get; init; }

    /// <summary>An alternative URL segment, unique within the API root (§5.2).</summary>
    public string? Alias { get; init; }

    public bool CanRead { get; init; } = true;

    public bool CanWrite { get; init; }

    public IReadOnlyList<string> MediaTypes { get; init; } = [TaxiiMediaTypes.Stix21];
}
