namespace TaxiiConnector.Taxii.Taxii2.Resources;

/// <summary>An API root resource (<c>GET {api-root}/</c>).</summary>
public sealed record TaxiiApiRoot(
    Uri Url,
    TaxiiVersion Version,
    string? Title,
    string? Description,
    IReadOnlyList<string> Versions,
    long? MaxContentLength)
{
    /// <summary>The last path segment of the URL (<c>https://h/taxii2/api1/</c> → <c>api1</c>), the name users select roots by.</summary>
    public string Name => UrlNames.LastSegment(Url);
}
