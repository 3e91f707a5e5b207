using System.Buffers;

namespace TaxiiConnector.Stix.Buffers;

/// <summary>
/// An array pool for large, similar-sized buffers that are rented on one thread and returned on another: arrays are
/// sized to the request (plus a little headroom, so the next page of about the same size fits), not rounded up to a
/// power of two, and at most <c>retained</c> of them are kept, in one list shared by every thread. A rent takes the
/// smallest kept array that fits and is not more than twice the request. Requests below <see cref="LargeThreshold"/>
/// go to the shared pool, where small arrays cost little.
/// </summary>
public sealed class FittingArrayPool : ArrayPool<byte>
{
    /// <summary>Smaller requests are the shared pool's; arrays of this pool are at least this long.</summary>
    public const int LargeThreshold = 64 * 1024;

    private const int Granularity = 64 * 1024;

    private readonly List<byte[]> _kept;
    private readonly int _retained;
    private readonly Lock _lock = new();

    public FittingArrayPool(int retained)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retained);
        _retained = retained;
        _kept = new List<byte[]>(retained + 1);
    }

    /// <summary>Arrays kept for reuse right now.</summary>
    public int KeptCount
    {
        get
        {
            lock (_lock)
            {
                return _kept.Count;
            }
        }
    }

    public override byte[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (minimumLength < LargeThreshold)
        {
            return Shared.Rent(minimumLength);
        }

        lock (_lock)
        {
            var best = -1;
            for (var i = 0; i < _kept.Count; i++)
            {
                var length = _kept[i].Length;
                if (length >= minimumLength && length / 2 <= minimumLength && (best < 0 || length < _kept[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var array = _kept[best];
                _kept.RemoveAt(best);
                return array;
            }
        }

        // Contents are never read before they are written, as with any pooled array: no need to clear them.
        var headroom = (long)minimumLength + (minimumLength / 16);
        var size = Math.Min((headroom + Granularity - 1) / Granularity * Granularity, Array.MaxLength);
        return GC.AllocateUninitializedArray<byte>((int)Math.Max(size, minimumLength));
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);

        // The shared pool's own arrays for small requests are at most this long; this pool's are all longer.
        if (array.Length <= LargeThreshold)
        {
            Shared.Return(array, clearArray);
            return;
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        lock (_lock)
        {
            // The least recently returned goes first: sizes follow the pages, so what was used last fits next.
            _kept.Add(array);
            if (_kept.Count > _retained)
            {
                _kept.RemoveAt(0);
            }
        }
    }
}
