using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// A thread-safe string-keyed cache that stops adding at <see cref="Capacity"/> entries, so a hostile or very diverse
/// feed cannot grow it without bound (past the cap, callers compute each value again). Looked up by a char span, so a
/// value decoded into a stack buffer needs no string.
/// </summary>
internal sealed class BoundedCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, TValue> _entries;
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private int _count;

    public BoundedCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _entries = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

    /// <summary>Entries held (the dictionary's own Count takes every lock).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGet(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out TValue value) => _bySpan.TryGetValue(key, out value);

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Adds <paramref name="value"/> unless the cache is full; returns the value cached for the key.</summary>
    public TValue Add(string key, TValue value)
    {
        // Racing threads can overshoot the cap by at most one entry each: still bounded.
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        if (_entries.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
            return value;
        }

        return _entries.TryGetValue(key, out var existing) ? existing : value;
    }
}
