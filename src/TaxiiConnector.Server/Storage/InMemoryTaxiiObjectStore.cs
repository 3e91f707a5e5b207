using System.Text.Json;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Taxii.Taxii2.Pagination;

namespace TaxiiConnector.Server.Storage;

/// <summary>
/// A store that keeps each object's UTF-8 JSON in memory: the demo data set, test fixtures and, later, pushed objects.
/// Objects are appended in <c>date_added</c> order; an append never moves an object already served.
/// </summary>
public sealed class InMemoryTaxiiObjectStore : ITaxiiObjectStore
{
    private readonly Lock _gate = new();
    private readonly List<TaxiiCollectionInfo> _collections = [];
    private readonly Dictionary<string, Sequence> _sequences = new(StringComparer.Ordinal);

    public IReadOnlyList<TaxiiCollectionInfo> Collections
    {
        get
        {
            lock (_gate)
            {
                return [.. _collections];
            }
        }
    }

    public InMemoryTaxiiObjectStore AddCollection(TaxiiCollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        lock (_gate)
        {
            if (_sequences.ContainsKey(collection.Id))
            {
                throw new ArgumentException($"The store already has a collection with id '{collection.Id}'.", nameof(collection));
            }

            _collections.Add(collection);
            _sequences.Add(collection.Id, new Sequence());
        }

        return this;
    }

    /// <summary>
    /// Appends one STIX object (UTF-8 JSON of a single object with <c>type</c> and <c>id</c>) to a collection.
    /// <paramref name="dateAdded"/> is truncated to microseconds and must not be earlier than the collection's newest object.
    /// </summary>
    public void Add(string collectionId, ReadOnlySpan<byte> objectJson, DateTimeOffset dateAdded)
    {
        var stored = StoredObject.Parse(objectJson, TaxiiTimestamp.TruncateToMicroseconds(dateAdded));
        GetSequence(collectionId).Append(stored);
    }

    /// <summary>
    /// Appends every object of a STIX bundle (or a TAXII envelope) to a collection, sorted by <c>date_added</c>.
    /// See <see cref="StixBundleReader"/> for where each object's <c>date_added</c> comes from.
    /// </summary>
    public void AddBundle(string collectionId, ReadOnlySpan<byte> bundleJson, DateTimeOffset fallbackDateAdded)
    {
        var sequence = GetSequence(collectionId);
        var entries = StixBundleReader.Read(bundleJson, fallbackDateAdded)
            .Select(entry => StoredObject.Parse(entry.Json.Span, TaxiiTimestamp.TruncateToMicroseconds(entry.DateAdded)))
            .Select((stored, order) => (stored, order))
            .OrderBy(item => item.stored.DateAdded)
            .ThenBy(item => item.order)
            .Select(item => item.stored);
        foreach (var stored in entries)
        {
            sequence.Append(stored);
        }
    }

    public ITaxiiObjectSequence? FindObjects(string collectionId)
    {
        lock (_gate)
        {
            return _sequences.GetValueOrDefault(collectionId);
        }
    }

    private Sequence GetSequence(string collectionId)
    {
        lock (_gate)
        {
            return _sequences.TryGetValue(collectionId, out var sequence)
                ? sequence
                : throw new ArgumentException($"The store has no collection with id '{collectionId}'.", nameof(collectionId));
        }
    }

    private sealed class Sequence : ITaxiiObjectSequence
    {
        private readonly Lock _gate = new();
        private readonly List<StoredObject> _objects = [];

        public long Count
        {
            get
            {
                lock (_gate)
                {
                    return _objects.Count;
                }
            }
        }

        public void Append(StoredObject stored)
        {
            lock (_gate)
            {
                if (_objects.Count > 0 && stored.DateAdded < _objects[^1].DateAdded)
                {
                    throw new ArgumentException(
                        $"Objects must be added in date_added order: {TaxiiTimestamp.Format(stored.DateAdded)} is before {TaxiiTimestamp.Format(_objects[^1].DateAdded)}.");
                }

                _objects.Add(stored);
            }
        }

        public long FirstIndexAddedAfter(DateTimeOffset addedAfter)
        {
            lock (_gate)
            {
                int low = 0, high = _objects.Count;
                while (low < high)
                {
                    var middle = low + ((high - low) / 2);
                    if (_objects[middle].DateAdded > addedAfter)
                    {
                        high = middle;
                    }
                    else
                    {
                        low = middle + 1;
                    }
                }

                return low;
            }
        }

        public DateTimeOffset GetDateAdded(long index) => Get(index).DateAdded;

        public string GetObjectType(long index) => Get(index).Type;

        public string GetObjectId(long index) => Get(index).Id;

        public string? GetObjectVersion(long index) => Get(index).Version;

        public void WriteObject(long index, Utf8JsonWriter writer) =>
            writer.WriteRawValue(Get(index).Json, skipInputValidation: true);

        private StoredObject Get(long index)
        {
            lock (_gate)
            {
                return _objects[checked((int)index)];
            }
        }
    }

    private sealed record StoredObject(string Id, string Type, string? Version, DateTimeOffset DateAdded, byte[] Json)
    {
        public static StoredObject Parse(ReadOnlySpan<byte> json, DateTimeOffset dateAdded)
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A STIX object must be a JSON object.", nameof(json));
            }

            var id = ReadString(root, "id") ?? throw new ArgumentException("A STIX object needs an 'id'.", nameof(json));
            var type = ReadString(root, "type") ?? throw new ArgumentException($"The STIX object '{id}' needs a 'type'.", nameof(json));
            var version = ReadString(root, "modified") ?? ReadString(root, "created");
            return new StoredObject(id, type, version, dateAdded, json.ToArray());
        }

        private static string? ReadString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
