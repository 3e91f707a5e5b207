using System.Text.Json;
using TaxiiConnector.OpenCti.Sinks.Splitting;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

public sealed class BundleSplitterTests
{
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
