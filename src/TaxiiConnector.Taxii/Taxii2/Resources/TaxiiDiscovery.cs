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
    IReadOnlyList<Uri> ApiRoots)
{
    /// <summary>The HTTP <c>Date</c> of the discovery response (second precision), if the server sent one.</summary>
    public DateTimeOffset? ServerDate { get; init; }

    /// <summary>
    /// Server clock minus local clock when discovery was read (null without a <c>Date</c> header). A first
    /// <c>added_after</c> computed from "now minus N hours" should add this (and subtract a margin): TAXII compares it
    /// with the server's own <c>date_added</c>.
    /// </summary>
    public TimeSpan? ClockSkew { get; init; }
}
