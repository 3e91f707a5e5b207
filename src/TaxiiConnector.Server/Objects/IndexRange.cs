using System.Collections;

namespace TaxiiConnector.Server.Objects;

/// <summary>The indexes [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>): an unfiltered page, without a list of them.</summary>
internal sealed class IndexRange : IReadOnlyList<long>
{
    public IndexRange(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Start = start;
        Count = count;
    }

    public long Start { get; }

    public int Count { get; }

    public long this[int index] => (uint)index < (uint)Count ? Start + index : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<long> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Start + i;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
