namespace TaxiiConnector.Taxii.Taxii2.Resources;

/// <summary>
/// The discovery resource. <see cref="ApiRoots"/> and <see cref="Default"/> are already resolved against the discovery URL
/// and normalised to a trailing slash.
/// </summary>
public sealed record TaxiiDiscovery(
    Uri DiscoveryUrl,
    TaxiiVersion Version,
    string? Title,
    string? Description,
    Uri? Default,
    IReadOnlyList<Uri> ApiRoots);
