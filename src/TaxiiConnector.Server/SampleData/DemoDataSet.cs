using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.SampleData;

/// <summary>
/// The bundled sample collection: a few hundred STIX 2.1 objects written for the project (indicators of every pattern kind,
/// observables, malware, threat actors, intrusion sets, attack patterns, reports, relationships, markings, an identity),
/// with <c>date_added</c> values spread from May to October 2026. Every value is a documentation value, never a real IoC.
/// Regenerate with <c>SampleData/generate_demo_collection.py</c>.
/// </summary>
public static class DemoDataSet
{
    /// <summary>The demo collection's id (a fixed v4 UUID, so a second demo run finds its saved state).</summary>
    public const string CollectionId = "5c6a0b1e-8d4f-4f7a-9b2e-3a1d6c0e9f42";

    public const string CollectionAlias = "demo";

    public const string CollectionTitle = "TaxiiConnector demo collection";

    private const string ResourceName = "TaxiiConnector.Server.SampleData.demo-collection.json";

    /// <summary>The <c>date_added</c> of the oldest object; a first run must look back at least this far to see everything.</summary>
    public static DateTimeOffset FirstDateAdded { get; } = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The collection resource of the demo collection.</summary>
    public static TaxiiCollectionInfo Collection { get; } = new(CollectionId, CollectionTitle)
    {
        Alias = CollectionAlias,
        Description = "Sample STIX 2.1 threat intelligence bundled with TaxiiConnector (documentation values only).",
        CanRead = true,
        CanWrite = false,
    };

    /// <summary>A store holding the demo collection, ready to serve.</summary>
    public static InMemoryTaxiiObjectStore Load()
    {
        var store = new InMemoryTaxiiObjectStore().AddCollection(Collection);
        store.AddBundle(CollectionId, ReadBundle(), FirstDateAdded);
        return store;
    }

    /// <summary>The raw bundle file (objects still carry <c>x_taxii_date_added</c>).</summary>
    public static Stream OpenBundle() =>
        typeof(DemoDataSet).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");

    private static byte[] ReadBundle()
    {
        using var stream = OpenBundle();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
