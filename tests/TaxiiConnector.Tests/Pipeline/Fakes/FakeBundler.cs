using TaxiiConnector.Pipeline.Holding;
using TaxiiConnector.Dedup;
using System.Text;
using System.Text.Json;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

/// <summary>Copies valid objects (those with a <c>type</c>) into bundles of at most <see cref="MaxObjects"/>.</summary>
internal sealed class FakeBundler : IPageBundler
{
    private int _released;
    private int _created;

    public int MaxObjects { get; init; } = 100;

    public int Outstanding => Volatile.Read(ref _created) - Volatile.Read(ref _released);

    /// <summary>Runs before each page is bundled (it may block or throw), with the page number.</summary>
    public Action<int>? BeforeBundle { get; init; }

    public PageBundles Bundle(SourcePage page, StixTransformerOptions options, ReferenceHolding? holding = null, CollectionDedup? dedup = null)
    {
        BeforeBundle?.Invoke(page.Number);
        var valid = page.Objects.Where(o => o.TryGetProperty("type", out _)).Select(o => o.GetRawText()).ToList();
        var bundles = valid.Chunk(MaxObjects).Select(chunk =>
        {
            Interlocked.Increment(ref _created);
            var json = Encoding.UTF8.GetBytes($$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(',', chunk)}}]}""");
            return new StixBundle("bundle--" + Guid.NewGuid(), json, chunk.Length, ["indicator"], () => Interlocked.Increment(ref _released));
        }).ToList();
        return new PageBundles(bundles, valid.Count, page.Objects.Count - valid.Count);
    }

    public static IEnumerable<string> ObjectIds(StixBundle bundle)
    {
        using var document = JsonDocument.Parse(bundle.Json);
        return [.. document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }
}
