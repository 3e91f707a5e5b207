namespace TaxiiConnector.Server.Storage;

/// <summary>
/// A sequence that can also hand out runs of its objects already serialised back to back: each object exactly as
/// <see cref="ITaxiiObjectSequence.WriteObject"/> writes it with <see cref="TaxiiObjectJson.WriterOptions"/>, joined by
/// commas. The server then sends an unfiltered page as a few byte ranges with a <c>Content-Length</c> instead of writing
/// it object by object, which is what a server that must spend almost no CPU per request needs. Optional.
/// </summary>
public interface IContiguousObjectSequence : ITaxiiObjectSequence
{
    /// <summary>
    /// Adds to <paramref name="segments"/> the bytes of objects [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="count"/>) joined by commas, in as few segments as it can; false (and nothing added) when it does not
    /// hold all of them serialised.
    /// </summary>
    bool TryGetJoined(long start, int count, List<ReadOnlyMemory<byte>> segments);
}
