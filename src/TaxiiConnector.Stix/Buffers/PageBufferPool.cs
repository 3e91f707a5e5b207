using System.Buffers;

namespace TaxiiConnector.Stix.Buffers;

/// <summary>
/// The pool for buffers that live for a page: transformed pages, bundles and a page's queue messages, a few megabytes
/// each (<see cref="FittingArrayPool"/>). Not the shared pool: that one keeps an array per size in every thread that ever
/// returned one, besides its per-core stacks, and a page's buffers are rented on the fetch side and returned on the push
/// side, by whichever pool threads ran them. It also rounds every request up to a power of two: a 2.5 MB page of queue
/// messages held 4 MiB. At these sizes both were the largest part of the working set.
/// </summary>
public static class PageBufferPool
{
    /// <summary>
    /// Arrays kept for reuse: about the pages one collection has in hand at once (pushing, buffered in the channel,
    /// being bundled) times the page-sized buffers each holds. More in use at once are allocated and let go on return.
    /// </summary>
    public const int RetainedArrays = 8;

    public static readonly ArrayPool<byte> Bytes = new FittingArrayPool(RetainedArrays);
}
