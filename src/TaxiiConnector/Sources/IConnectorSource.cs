using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Sources;

/// <summary>
/// One configured source (a config section: <c>taxii2</c>, <c>taxii11</c>, <c>cyberthreatexchange</c>, ...).
/// A run asks it for its collections, then reads each collection page by page from that collection's committed cursor.
/// </summary>
public interface IConnectorSource
{
    /// <summary>The config section name, used in logs, metrics and the OpenCTI work name.</summary>
    string Name { get; }

    /// <summary>The transformer options this source's objects are processed with.</summary>
    StixTransformerOptions TransformOptions { get; }

    /// <summary>
    /// How a run of this source is reported to OpenCTI: one work for the whole source run (the default, as the TAXII
    /// connectors do), or one work per collection (the Cyber Threat Exchange connector opens one per feed).
    /// </summary>
    SourceWorkScope WorkScope => SourceWorkScope.PerRun;

    /// <summary>The collections (or feeds) to read in this run. Throwing here fails the whole source run.</summary>
    IAsyncEnumerable<ISourceCollection> GetCollectionsAsync(CancellationToken cancellationToken);
}

/// <summary>One collection or feed of a source: its own cursor, its own pages.</summary>
public interface ISourceCollection
{
    /// <summary>The state key (e.g. <c>taxii2|{api root url}|{collection id}</c>). Stable across runs and restarts.</summary>
    string StateKey { get; }

    /// <summary>A human name for logs (<c>root/title</c>).</summary>
    string DisplayName { get; }

    /// <summary>
    /// Streams pages starting after <paramref name="committedCursor"/> (null on the first run: the source applies its
    /// initial history). Each page carries the cursor to commit once the page was pushed.
    /// </summary>
    IAsyncEnumerable<SourcePage> ReadPagesAsync(string? committedCursor, CancellationToken cancellationToken);
}
