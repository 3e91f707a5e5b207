namespace TaxiiConnector.Stix.Bundles;

/// <summary>Limits for the bundles cut from transformed pages.</summary>
public sealed class StixBundleWriterOptions
{
    /// <summary>Default <c>connector.max_bundle_bytes</c>: 10 MiB, well under RabbitMQ 4's 16 MiB and the API's 50 MB.</summary>
    public const int DefaultMaxBundleBytes = 10 * 1024 * 1024;

    /// <summary>Smallest accepted byte cap: room for the envelope, shared objects and one ordinary object.</summary>
    public const int MinimumMaxBundleBytes = 4 * 1024;

    /// <summary><c>connector.max_bundle_bytes</c>: no bundle's UTF-8 JSON is longer than this.</summary>
    public int MaxBundleBytes { get; set; } = DefaultMaxBundleBytes;

    /// <summary>At most this many page objects per bundle (the shared author/marking objects come on top).</summary>
    public int MaxObjectsPerBundle { get; set; } = 5_000;
}
