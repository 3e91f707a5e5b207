using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Tests.Support;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Transform;

public sealed class StixTransformerLifetimeTests
{
    private static string Indicator(int n) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{n:x8}}-0000-4000-8000-000000000000","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[domain-name:value = 'd{{n}}.example']","valid_from":"2024-01-01T00:00:00Z","labels":["high","apt_{{n % 3}}"]}""";

    private static StixTransformerOptions AllOn() => TransformDefaults.Create(o =>
    {
        o.AddCustomLabel = true;
        o.CustomLabel = "feed";
        o.ForcePatternAsName = true;
        o.DetermineScoreByLabel = true;
        o.SetIndicatorAsDetection = true;
        o.CreateAuthor = true;
        o.AuthorName = "ACME Corp";
        o.LabelReplacements = [new("_", " ")];
        o.SaveOriginalIndicatorIdToNote = true;
        o.DefaultMarking = "TLP:AMBER+STRICT";
    });

    [Fact]
    public void Transform_SourceDocumentDisposed_PageStillReadable()
    {
        var transformer = TransformHarness.Create(AllOn());
        TransformedPage page;
        using (var document = JsonDocument.Parse("[" + Indicator(1) + "]"))
        {
            page = transformer.Transform([.. document.RootElement.EnumerateArray()]);
        }

        using (page)
        {
            using var output = JsonDocument.Parse(page.GetObjectMemory(0));
            output.RootElement.GetProperty("name").GetString().Should().Be("d1.example");
            output.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("high", "apt 1", "feed");
        }
    }

    [Fact]
    public void CreateBundles_PageDisposedAfterBuilding_BundlesStillValid()
    {
        var transformer = TransformHarness.Create(AllOn());
        var page = TransformHarness.Run(transformer, Enumerable.Range(0, 30).Select(Indicator).ToArray());
        var writer = new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = 8_192 }, NullLogger<StixBundleWriter>.Instance);

        var bundles = writer.CreateBundles(page).ToList();
        var expectedIds = Enumerable.Range(0, page.Count).Select(page.GetObjectId).ToList();
        page.Dispose();

        var ids = new List<string>();
        foreach (var bundle in bundles)
        {
            using (bundle)
            {
                using var document = JsonDocument.Parse(bundle.Json);
                ids.AddRange(document.RootElement.GetProperty("objects").EnumerateArray().Skip(2).Select(o => o.GetProperty("id").GetString()!));
            }
        }

        ids.Should().Equal(expectedIds);
        expectedIds.Should().HaveCount(60, "30 indicators and their 30 notes");
    }

    [Fact]
    public async Task Transform_ConcurrentPages_SameOutputAsSequential()
    {
        var transformer = TransformHarness.Create(AllOn());
        var entries = Enumerable.Range(0, 200).Select(Indicator).ToArray();
        string Serialize()
        {
            using var page = TransformHarness.Run(transformer, entries);
            return string.Join("\n", Enumerable.Range(0, page.Count).Select(i => TransformHarness.Json(page, i)));
        }

        var expected = Serialize();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Serialize)));

        results.Should().AllBe(expected);
    }
}
