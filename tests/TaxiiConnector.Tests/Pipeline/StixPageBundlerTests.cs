using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Pipeline;

/// <summary>A large page is transformed in two halves at once; what comes out is what the whole page gives.</summary>
public sealed class StixPageBundlerTests
{
    private static readonly StixTransformerOptions Options = TransformerDefaults.Create(o =>
    {
        o.CreateAuthor = true;
        o.AuthorName = "ACME Corp";
        o.DefaultMarking = "TLP:GREEN";
        o.SaveOriginalIndicatorIdToNote = true;
        o.IgnoreObjectTypes = ["tool"];
    });

    private static StixPageBundler Bundler(int splitThreshold, int maxObjectsPerBundle) =>
        new(new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = 6_000, MaxObjectsPerBundle = maxObjectsPerBundle },
            NullLogger<StixBundleWriter>.Instance), NullLogger<StixTransformer>.Instance, TimeProvider.System)
        {
            SplitThreshold = splitThreshold,
        };

    /// <summary>Indicators (each with a note), malware, filtered tools, invalid entries, and one object too large for a bundle.</summary>
    private static SourcePage Page(int count)
    {
        var entries = Enumerable.Range(0, count).Select(i => (i % 11) switch
        {
            0 => $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{i:x8}}-0000-4000-8000-000000000000","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}""",
            5 => $$"""{"type":"tool","spec_version":"2.1","id":"tool--{{i:x8}}-0000-4000-8000-000000000000","name":"t{{i}}"}""",
            7 => $$"""{"id":"malware--{{i:x8}}-0000-4000-8000-000000000000"}""",
            _ => $$"""{"type":"malware","spec_version":"2.1","id":"malware--{{i:x8}}-0000-4000-8000-000000000000","name":"m{{i}}","is_family":false,"description":"{{new string('d', i == (count / 11 * 11) - 10 ? 7_000 : i % 200)}}"}""",
        });
        var document = JsonDocument.Parse("[" + string.Join(',', entries) + "]");
        return new SourcePage(1, [.. document.RootElement.EnumerateArray()], "c1", document);
    }

    private static List<string> ObjectIds(StixBundle bundle)
    {
        using var document = JsonDocument.Parse(bundle.Json);
        return [.. document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }

    [Theory]
    [InlineData(301, 5_000)]
    [InlineData(300, 7)]
    [InlineData(2, 3)]
    public void Bundle_PageSplitInHalves_SameObjectsInTheSameOrderAndTheSameCounts(int count, int maxObjectsPerBundle)
    {
        using var page = Page(count);
        using var whole = Bundler(int.MaxValue, maxObjectsPerBundle).Bundle(page, Options);
        using var split = Bundler(2, maxObjectsPerBundle).Bundle(page, Options);

        split.Bundles.Select(ObjectIds).Should().BeEquivalentTo(whole.Bundles.Select(ObjectIds), o => o.WithStrictOrdering());
        split.Bundles.Select(b => b.AddedObjectCount).Should().Equal(whole.Bundles.Select(b => b.AddedObjectCount));
        split.ObjectsOut.Should().Be(whole.ObjectsOut);
        split.Dropped.Should().Be(whole.Dropped);
        split.DropReasons.Should().BeEquivalentTo(whole.DropReasons);
        if (count > 100)
        {
            whole.DropReasons.Keys.Should().HaveCount(3, "filtered, invalid and too-large objects are all on the page");
        }

        // Source objects come out in page order (notes and shared objects aside).
        var sourceIds = page.Objects.Where(o => o.TryGetProperty("type", out var t) && t.GetString() != "tool")
            .Select(o => o.GetProperty("id").GetString()!).Where(id => split.Bundles.Any(b => ObjectIds(b).Contains(id))).ToList();
        split.Bundles.SelectMany(ObjectIds).Where(id => !id.StartsWith("note--", StringComparison.Ordinal)
            && !id.StartsWith("identity--", StringComparison.Ordinal) && !id.StartsWith("marking-definition--", StringComparison.Ordinal))
            .Should().Equal(sourceIds);
    }
}
