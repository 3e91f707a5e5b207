using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Acknowledges every bundle at once and counts what reached it. The transformer adds objects of its own (an original-id
/// note per indicator, the author identity in every bundle, a marking definition when not predefined); the generated
/// collection has none of those types, so a vectorised search for their top-level ids separates them from the source
/// objects without parsing the bundle.
/// </summary>
internal sealed class CountingSink : IBundleSink
{
    private long _bundles;
    private long _bundleObjects;
    private long _addedObjects;
    private long _bytes;

    public string Name => "counting";

    public long Bundles => Interlocked.Read(ref _bundles);

    /// <summary>Every object the bundles carried, added ones included.</summary>
    public long BundleObjects => Interlocked.Read(ref _bundleObjects);

    /// <summary>Objects the transformer added (notes, author identities, marking definitions).</summary>
    public long AddedObjects => Interlocked.Read(ref _addedObjects);

    /// <summary>Source objects that reached the sink.</summary>
    public long SourceObjects => BundleObjects - AddedObjects;

    public long Bytes => Interlocked.Read(ref _bytes);

    public ValueTask PushAsync(StixBundle bundle, PushContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        cancellationToken.ThrowIfCancellationRequested();
        var json = bundle.Json.Span;
        var added = Count(json, "\"id\":\"note--"u8) + Count(json, "\"id\":\"identity--"u8) + Count(json, "\"id\":\"marking-definition--"u8);
        Interlocked.Increment(ref _bundles);
        Interlocked.Add(ref _bundleObjects, bundle.ObjectCount);
        Interlocked.Add(ref _addedObjects, added);
        Interlocked.Add(ref _bytes, json.Length);
        return ValueTask.CompletedTask;
    }

    private static int Count(ReadOnlySpan<byte> json, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        int at;
        while ((at = json.IndexOf(needle)) >= 0)
        {
            count++;
            json = json[(at + needle.Length)..];
        }

        return count;
    }
}
