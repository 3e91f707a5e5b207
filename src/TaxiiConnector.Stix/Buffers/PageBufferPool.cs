using System.Buffers;

namespace TaxiiConnector.Stix.Buffers;

/// <summary>
/// The pool for buffers that live for a page: transformed pages and bundles, about a megabyte each. Not the shared pool:
/// that one keeps an array per size in every thread that ever returned one, besides its per-core stacks, and a page's
/// buffers are rented on the fetch side and returned on the push side, by whichever pool threads ran them. At this
/// size that retention was the largest part of the working set. This one keeps at most a few arrays per size, however
/// many threads touch it, and page-sized buffers are rented a few times per page, so its lock is never contended.
/// </summary>
internal static class PageBufferPool
{
    /// <summary>
    /// Arrays kept per size: the pages one collection has in hand at once (pushing, buffered in the channel, being
    /// bundled). More in use at once are allocated and let go on return.
    /// </summary>
    internal const int ArraysPerSize = 6;

    public static readonly ArrayPool<byte> Bytes = ArrayPool<byte>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: ArraysPerSize);
}
