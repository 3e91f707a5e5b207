namespace TaxiiConnector.Stix.Bundles;

/// <summary>Limits for the bundles cut from transformed pages.</summary>
public sealed class StixBundleWriterOptions
{
    /// <summary>Smallest accepted byte cap: room for the envelope, shared objects and one ordinary object.</summary>
    public const int MinimumMaxBundleBytes = 4 * 1024;

    /// <summary><c>connector.max_bundle_bytes</c> (the host's declaration holds its default): no bundle's UTF-8 JSON is longer than this.</summary>
    public required int MaxBundleBytes { get; set; }

    /// <summary>At most this many page objects per bundle (the shared author/marking objects come on top).</summary>
    public int MaxObjectsPerBundle { get; set; } = 5_000;
}
