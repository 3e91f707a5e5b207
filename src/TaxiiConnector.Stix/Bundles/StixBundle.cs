namespace TaxiiConnector.Stix.Bundles;

/// <summary>
/// One serialised STIX 2.1 bundle ready for a sink: the UTF-8 JSON text of
/// <c>{"type":"bundle","id":...,"spec_version":"2.1","objects":[...]}</c> and what a sink needs to know about it
/// without parsing it again. The buffer may come from a pool: dispose the bundle once the sink acknowledged it.
/// </summary>
public sealed class StixBundle : IDisposable
{
    private readonly Action? _release;
    private int _disposed;

    public StixBundle(string id, ReadOnlyMemory<byte> json, int objectCount, IReadOnlyList<string> entityTypes, Action? release = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(entityTypes);
        Id = id;
        Json = json;
        ObjectCount = objectCount;
        EntityTypes = entityTypes;
        _release = release;
    }

    /// <summary>The bundle id (<c>bundle--uuid</c>).</summary>
    public string Id { get; }

    /// <summary>The whole bundle as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>How many objects the bundle's <c>objects</c> array holds.</summary>
    public int ObjectCount { get; }

    /// <summary>
    /// Of <see cref="ObjectCount"/>, the objects the connector added rather than read from the source (the shared author
    /// identity and marking definition, generated notes); null when the bundle's maker does not know.
    /// </summary>
    public int? AddedObjectCount { get; init; }

    /// <summary>
    /// How many of the first objects are the page's shared objects (author identity, default marking), which every bundle
    /// of a page repeats: a sink that remembers what it delivered needs to send them once per work.
    /// </summary>
    public int SharedObjectCount { get; init; }

    /// <summary>The distinct STIX types in the bundle (OpenCTI's <c>entities_types</c>).</summary>
    public IReadOnlyList<string> EntityTypes { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _release?.Invoke();
        }
    }
}
