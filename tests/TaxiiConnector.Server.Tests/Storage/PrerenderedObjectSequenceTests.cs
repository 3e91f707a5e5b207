using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TaxiiConnector.Testing.Generated;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Server.Tests.Support;
using TaxiiConnector.Testing.Prerendered;

namespace TaxiiConnector.Server.Tests.Storage;

public sealed class PrerenderedObjectSequenceTests
{
    private static readonly JsonWriterOptions RelaxedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WriteObject_EveryObject_IsTheSourcesBytes(int parallelism)
    {
        var source = Generated(5000);

        var rendered = PrerenderedObjectSequence.Render(source, parallelism, chunkBytes: 64 * 1024, CancellationToken.None);

        rendered.RenderedCount.Should().Be(5000);
        rendered.Count.Should().Be(5000);
        for (long index = 0; index < source.Count; index++)
        {
            Render(rendered, index).Should().Equal(Render(source, index), "object {0}", index);
        }
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(1, 0, 1000)]
    [InlineData(2, 17, 400)]
    [InlineData(2, 2400, 200)]
    [InlineData(3, 4000, 1000)]
    [InlineData(3, 4999, 1)]
    public void TryGetJoined_AnyRangeAcrossChunks_IsTheObjectsJoinedByCommas(int parallelism, long start, int count)
    {
        var source = Generated(5000);
        var rendered = PrerenderedObjectSequence.Render(source, parallelism, chunkBytes: 64 * 1024, CancellationToken.None);
        var segments = new List<ReadOnlyMemory<byte>>();

        rendered.TryGetJoined(start, count, segments).Should().BeTrue();

        var joined = segments.SelectMany(s => s.ToArray()).ToArray();
        var expected = new List<byte>();
        for (var index = start; index < start + count; index++)
        {
            if (index > start)
            {
                expected.Add((byte)',');
            }

            expected.AddRange(Render(source, index));
        }

        joined.Should().Equal(expected);
        if (count >= 1000)
        {
            segments.Should().HaveCountGreaterThan(1, "64 KB chunks hold about 50 objects, so this range spans several");
        }
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    [InlineData(4999, 2)]
    [InlineData(5000, 1)]
    public void TryGetJoined_RangeNotFullyRendered_IsRefused(long start, int count)
    {
        var rendered = PrerenderedObjectSequence.Render(Generated(5000), 2, CancellationToken.None);

        rendered.TryGetJoined(start, count, []).Should().BeFalse();
    }

    [Fact]
    public void WriteObject_ObjectAppendedAfterRendering_IsServedFromTheSource()
    {
        var source = TestCollections.Create(3);
        var sequence = source.FindObjects(TestCollections.CollectionId)!;
        var rendered = PrerenderedObjectSequence.Render(sequence, 2, CancellationToken.None);

        source.Add(TestCollections.CollectionId, System.Text.Encoding.UTF8.GetBytes(TestCollections.ObjectJson(3)), TestCollections.DateAddedOf(3));

        rendered.RenderedCount.Should().Be(3);
        rendered.Count.Should().Be(4);
        Render(rendered, 3).Should().Equal(Render(sequence, 3));
        rendered.TryGetJoined(2, 2, []).Should().BeFalse("object 3 was not rendered");
    }

    [Fact]
    public void EstimateBytes_GeneratedCollection_IsAnUpperBoundOfTheRenderedSizeWithinReason()
    {
        var source = Generated(20_000);

        var estimate = PrerenderedObjectSequence.EstimateBytes(source, parallelism: 1);
        var rendered = PrerenderedObjectSequence.Render(source, 1, CancellationToken.None);

        var perObjectIndex = (sizeof(long) + sizeof(int)) * source.Count;
        estimate.Should().BeGreaterThan(rendered.RenderedBytes + perObjectIndex);
        (estimate - PrerenderedObjectSequence.DefaultChunkBytes).Should().BeLessThan((long)((rendered.RenderedBytes + perObjectIndex) * 1.25));
    }

    [Fact]
    public void Create_EstimateOverTheBudget_KeepsTheSourceStore()
    {
        var source = new GeneratedTaxiiObjectStore(new GeneratedCollectionOptions { ObjectCount = 1_000_000_000 });

        var outcome = PrerenderedTaxiiObjectStore.Create(source, memoryBudgetBytes: 4L * 1024 * 1024 * 1024, parallelism: 2);

        outcome.Prerendered.Should().BeFalse();
        outcome.Store.Should().BeSameAs(source);
        outcome.EstimatedBytes.Should().BeGreaterThan(1_000_000_000L * 500, "a billion objects of 0.5-2 KB never fit 4 GB");
        outcome.RenderedBytes.Should().Be(0);
        outcome.Objects.Should().Be(1_000_000_000);
    }

    [Fact]
    public void Create_WithinTheBudget_ServesEveryCollectionPrerendered()
    {
        var source = Generated(3000);

        var outcome = PrerenderedTaxiiObjectStore.Create(source, memoryBudgetBytes: 256L * 1024 * 1024, parallelism: 2);

        outcome.Prerendered.Should().BeTrue();
        outcome.Objects.Should().Be(3000);
        outcome.RenderedBytes.Should().BeInRange(3000 * 500, 3000 * 2049);
        outcome.Store.Collections.Should().Equal(source.Collections);
        outcome.Store.FindObjects(source.Collection.Id).Should().BeOfType<PrerenderedObjectSequence>();
        outcome.Store.FindObjects("no-such-collection").Should().BeNull();
    }

    private static GeneratedTaxiiObjectStore Generated(long count) => new(new GeneratedCollectionOptions { ObjectCount = count });

    private static byte[] Render(ITaxiiObjectSequence sequence, long index)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, RelaxedWriter))
        {
            sequence.WriteObject(index, writer);
        }

        return output.WrittenSpan.ToArray();
    }
}
