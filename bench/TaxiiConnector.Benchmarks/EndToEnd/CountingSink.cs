using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// Acknowledges every bundle at once and counts what reached it. The transformer adds objects of its own (an original-id
/// note per indicator, the author identity in every bundle, a marking definition when not predefined); the generated
/// collection has none of those types. The bundle writer reports how many it added (<see cref="StixBundle.AddedObjectCount"/>),
/// so no production-foreign work is measured; a bundle without that count is searched for their top-level ids instead.
/// </summary>
internal sealed class CountingSink : IBundleSink
{
    private long _bundles;
    private long _bundleObjects;
    private long _addedObjects;
    private long _bytes;
    private long _crossCheckFailures;

    public string Name => "counting";

    /// <summary>Also search every bundle's bytes and count mismatches (the warm-up run checks the writer's count this way).</summary>
    public bool CrossCheck { get; init; }

    /// <summary>Bundles whose reported added-object count differed from the byte search (with <see cref="CrossCheck"/>).</summary>
    public long CrossCheckFailures => Interlocked.Read(ref _crossCheckFailures);

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
        // The bundle writer knows what it added; the byte search is for bundles from anywhere else.
        var added = bundle.AddedObjectCount ?? CountAdded(json);
        if (CrossCheck && added != CountAdded(json))
        {
            Interlocked.Increment(ref _crossCheckFailures);
        }

        Interlocked.Increment(ref _bundles);
        Interlocked.Add(ref _bundleObjects, bundle.ObjectCount);
        Interlocked.Add(ref _addedObjects, added);
        Interlocked.Add(ref _bytes, json.Length);
        return ValueTask.CompletedTask;
    }

    internal static int CountAdded(ReadOnlySpan<byte> json) =>
        Count(json, "\"id\":\"note--"u8) + Count(json, "\"id\":\"identity--"u8) + Count(json, "\"id\":\"marking-definition--"u8);

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
