namespace TaxiiConnector.Taxii.Taxii2.Resources;

/// <summary>A collection of an API root, with the URLs the client needs to read or write it.</summary>
public sealed record TaxiiCollection(
    Uri ApiRootUrl,
    TaxiiVersion Version,
    string Id,
    string Title,
    string? Description,
    string? Alias,
    bool CanRead,
    bool CanWrite,
    IReadOnlyList<string> MediaTypes)
{
    /// <summary><c>{api-root}collections/{id}/</c>.</summary>
    public Uri Url => new(ApiRootUrl, "collections/" + Uri.EscapeDataString(Id) + "/");

    /// <summary><c>{api-root}collections/{id}/objects/</c>.</summary>
    public Uri ObjectsUrl => new(Url, "objects/");

    /// <summary>The last path segment of the API root URL, as used in <c>TAXII2_COLLECTIONS</c> entries.</summary>
    public string ApiRootName => UrlNames.LastSegment(ApiRootUrl);

    /// <summary>A stable key for per-collection state: the API root URL and the collection id.</summary>
    public string Key => ApiRootUrl.AbsoluteUri + "|" + Id;

    /// <summary>A human name for logs: <c>root/title</c>.</summary>
    public string DisplayName => ApiRootName + "/" + Title;
}
