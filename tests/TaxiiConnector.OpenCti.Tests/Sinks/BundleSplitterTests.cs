using System.Text.Json;
using TaxiiConnector.OpenCti.Sinks.Splitting;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

public sealed class BundleSplitterTests
{
    [Fact]
    public void SplitPerObject_OrdersByDependencyCountWithSequence()
    {
        using var bundle = Bundles.Sample();

        var pieces = BundleSplitter.SplitPerObject(bundle).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();

        pieces.Select(p => p.GetProperty("objects")[0].GetProperty("type").GetString())
            .Should().Equal("identity", "indicator", "malware", "relationship");
        pieces.Select(p => p.GetProperty("x_opencti_seq").GetInt32()).Should().Equal([1, 2, 2, 6], "1 + identity (1) + indicator (2) + malware (2)");
        pieces.Should().OnlyContain(p => p.GetProperty("type").GetString() == "bundle"
            && p.GetProperty("id").GetString() == Bundles.BundleId
            && p.GetProperty("spec_version").GetString() == "2.1"
            && p.GetProperty("objects").GetArrayLength() == 1);
    }

    [Fact]
    public void SplitPerObject_DuplicateIds_LastOccurrenceWins()
    {
        var older = Bundles.Malware.Replace("Poison Ivy", "Old name", StringComparison.Ordinal);
        using var bundle = Bundles.Create(older, Bundles.Identity, Bundles.Malware);

        var pieces = BundleSplitter.SplitPerObject(bundle);

        pieces.Should().HaveCount(2);
        pieces.Select(p => System.Text.Encoding.UTF8.GetString(p)).Should().ContainSingle(p => p.Contains("Poison Ivy")).And.NotContain(p => p.Contains("Old name"));
    }

    [Fact]
    public void SplitPerObject_ReferenceCycle_Terminates()
    {
        var a = """{"type":"note","id":"note--1","object_refs":["note--2"],"content":"a"}""";
        var b = """{"type":"note","id":"note--2","object_refs":["note--1"],"content":"b"}""";
        using var bundle = Bundles.Create(a, b);

        BundleSplitter.SplitPerObject(bundle).Should().HaveCount(2);
    }

    [Fact]
    public void Chunk_OverBudget_CutsIntoBundlesUnderBudgetKeepingEveryObject()
    {
        using var bundle = Bundles.Sample();
        var budget = bundle.Json.Length / 2;

        var chunks = BundleSplitter.Chunk(bundle, budget);

        chunks.Should().HaveCountGreaterThan(1);
        chunks.Should().OnlyContain(c => c.Length <= budget);
        chunks.SelectMany(c => JsonDocument.Parse(c).RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()))
            .Should().Equal(
                "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b", "identity--7b3a9c58-4f6b-5cb8-9b0d-8e0e1b2a7f10");
    }

    [Fact]
    public void Chunk_UnderBudget_ReturnsBundleAsIs()
    {
        using var bundle = Bundles.Sample();

        var chunks = BundleSplitter.Chunk(bundle, bundle.Json.Length);

        chunks.Should().ContainSingle().Which.ToArray().Should().Equal(bundle.Json.ToArray());
    }
}
