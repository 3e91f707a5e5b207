using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;
using static TaxiiConnector.Tests.Pipeline.Cleanup.PlatformCleanupCollection;

namespace TaxiiConnector.Tests.Pipeline.Cleanup;

/// <summary>
/// Every page gets what OpenCTI's Python client (pycti 6.8/6.9, <c>pycti/utils/opencti_stix2_splitter.py</c>,
/// <c>OpenCTIStix2Splitter.enlist_element</c> with <c>cleanup_inconsistent_bundle=False</c>, as the Python TAXII2 connector
/// calls <c>send_stix2_bundle</c>) does to a bundle before it splits it:
/// <list type="bullet">
/// <item>objects whose id type is not in <c>supported_types</c> (<c>SUPPORTED_STIX_ENTITY_OBJECTS</c> + internals + observables
/// + relationship, sighting, pir; <c>pycti/utils/opencti_stix2_utils.py</c>) are not enlisted: <c>x-acme-widget</c>,
/// <c>extension-definition</c>;</item>
/// <item>a <c>*_ref</c> to such a type is set to None, which makes a relationship incompatible (dropped); a <c>*_refs</c> list
/// keeps only the entries it follows (no unsupported type, no self reference, no ancestor, no id whose <c>cache_refs</c>
/// already holds this object: the report, walked first, keeps the note; the note then loses the report), without
/// repeats;</item>
/// <item><c>external_references</c> are kept once per <c>external_reference_generate_id(url, source_name, external_id)</c>
/// (url first, else source name and external id, else None: dropped); <c>kill_chain_phases</c> once per
/// <c>kill_chain_phase_generate_id</c>;</item>
/// <item>a reference to an id missing from the bundle is kept (only <c>cleanup_inconsistent_bundle</c> removes it).</item>
/// </list>
/// </summary>
public sealed class PlatformCleanupTests
{
    private static readonly StixTransformerOptions Options = new();

    private static SourcePage Page()
    {
        var document = JsonDocument.Parse("[" + string.Join(',', Objects) + "]");
        return new SourcePage(1, [.. document.RootElement.EnumerateArray()], "c1", document);
    }

    private static StixPageBundler Bundler() =>
        new(new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = 1 << 20 }, NullLogger<StixBundleWriter>.Instance),
            NullLogger<StixTransformer>.Instance, TimeProvider.System);

    internal static Dictionary<string, JsonObject> BundledObjects(PageBundles bundles)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var bundle in bundles.Bundles)
        {
            foreach (var item in JsonNode.Parse(bundle.Json.Span)!["objects"]!.AsArray())
            {
                result[item!["id"]!.GetValue<string>()] = item.AsObject();
            }
        }

        return result;
    }

    [Fact]
    public void Bundle_PlatformIncompatibleContent_ObjectsAreWhatPyctisSplitterWouldSend()
    {
        using var page = Page();
        using var bundles = Bundler().Bundle(page, Options);

        var actual = BundledObjects(bundles);
        var expected = ExpectedAfterPyctiCleanup(Options);
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (id, item) in expected)
        {
            JsonNode.DeepEquals(actual[id], item).Should().BeTrue($"{id} should be {item.ToJsonString()} but is {actual[id].ToJsonString()}");
        }
    }

    [Fact]
    public void Bundle_PlatformIncompatibleContent_EveryDropAndCutIsCountedByReason()
    {
        using var page = Page();
        using var bundles = Bundler().Bundle(page, Options);

        bundles.Dropped.Should().Be(3);
        bundles.DropReasons.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["unsupported_type"] = 2,
            ["incompatible_relationship"] = 1,
        });
        bundles.ReferencesCut.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            // The relationship's target_ref and the report's entry.
            ["unsupported_type_reference"] = 2,
            ["reference_cycle"] = 1,
            ["duplicate_reference"] = 1,
            ["duplicate_external_reference"] = 2,
            ["external_reference_without_key"] = 1,
            ["duplicate_kill_chain_phase"] = 1,
        });
        bundles.ObjectsOut.Should().Be(5);
    }

    [Fact]
    public void Bundle_NothingToClean_ObjectsGoOutByteForByte()
    {
        string[] clean = [Objects[0], Objects[3].Replace("\"acme mirror\",\"url\":\"https://acme.example/1\"", "\"acme mirror\",\"url\":\"https://acme.example/2\"", StringComparison.Ordinal)];
        using var document = JsonDocument.Parse("[" + clean[0] + "]");
        using var page = new SourcePage(1, [.. document.RootElement.EnumerateArray()], "c1", document);
        using var transformed = new StixTransformer(Options, NullLogger<StixTransformer>.Instance, TimeProvider.System).Transform(page.Objects);
        using var bundles = Bundler().Bundle(page, Options);

        bundles.ReferencesCut.Should().BeEmpty();
        bundles.Dropped.Should().Be(0);
        var json = System.Text.Encoding.UTF8.GetString(bundles.Bundles.Single().Json.Span);
        json.Should().Contain(System.Text.Encoding.UTF8.GetString(transformed.GetObjectJson(0)));
    }
}
