using System.Buffers;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// Renders a page of a sequence as the server would serve it, without HTTP: the benchmark's raw-parse baseline reads the
/// same bytes from memory. The envelope carries <c>more</c> but no <c>next</c> (cursors only mean something to a server).
/// </summary>
public static class TaxiiEnvelopePages
{
    public static async ValueTask WritePageAsync(ITaxiiObjectSequence objects, long start, int count, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = Math.Min(objects.Count, start + count);
        var indexes = new List<long>((int)Math.Max(0, end - start));
        for (var index = start; index < end; index++)
        {
            indexes.Add(index);
        }

        var page = new ObjectPage(indexes, pageNumber: 1, nextPosition: end < objects.Count ? end : null, firstDateAdded: null, lastDateAdded: null);
        await EnvelopeWriter.WriteAsync(output, static _ => ValueTask.CompletedTask, objects, page, end < objects.Count, next: null, inserted: null, cancellationToken);
    }
}
