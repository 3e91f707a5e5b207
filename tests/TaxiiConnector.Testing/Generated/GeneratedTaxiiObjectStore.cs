using System.Text.Json;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Testing.Generated;

/// <summary>
/// One collection of realistic STIX 2.1 objects (indicators, observables, relationships, reports; 0.5–2 KB each) generated
/// on the fly from each object's index: nothing is materialised, so a billion-object collection costs no more memory
/// than a ten-object one, and page k's content depends only on the seed and k.
/// </summary>
public sealed class GeneratedTaxiiObjectStore : ITaxiiObjectStore, ITaxiiObjectSequence
{
    private readonly GeneratedCollectionOptions _options;
    private readonly GeneratedStixObjects _objects;
    private readonly long _intervalTicks;

    public GeneratedTaxiiObjectStore(GeneratedCollectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _objects = new GeneratedStixObjects(options.Seed, options.FirstDateAdded, options.DateAddedInterval);
        _intervalTicks = options.DateAddedInterval.Ticks;
        Collection = new TaxiiCollectionInfo(options.CollectionId, options.Title)
        {
            Description = "Generated STIX 2.1 objects for throughput and memory measurements.",
        };
        Collections = [Collection];
    }

    public TaxiiCollectionInfo Collection { get; }

    public IReadOnlyList<TaxiiCollectionInfo> Collections { get; }

    public long Count => _options.ObjectCount;

    public ITaxiiObjectSequence? FindObjects(string collectionId) => collectionId == _options.CollectionId ? this : null;

    public long FirstIndexAddedAfter(DateTimeOffset addedAfter)
    {
        var offset = addedAfter.UtcTicks - _options.FirstDateAdded.UtcTicks;
        if (offset < 0)
        {
            return 0;
        }

        // date_added(i) = first + i * interval > addedAfter  <=>  i > offset / interval.
        return Math.Min((offset / _intervalTicks) + 1, Count);
    }

    public DateTimeOffset GetDateAdded(long index) => _objects.DateAddedOf(CheckIndex(index));

    public string GetObjectType(long index) => GeneratedStixObjects.TypeName(_objects.KindOf(CheckIndex(index)));

    public string GetObjectId(long index) => _objects.IdOf(CheckIndex(index));

    public string? GetObjectVersion(long index) => _objects.VersionOf(CheckIndex(index));

    public void WriteObject(long index, Utf8JsonWriter writer) => _objects.Write(CheckIndex(index), writer);

    private long CheckIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index;
    }
}
