using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Tests.Support;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Bundles;

public sealed class StixBundleWriterTests
{
    /// <summary>The host's default <c>connector.max_bundle_bytes</c>.</summary>
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static string Malware(int n, int descriptionLength) =>
        $$"""{"type":"malware","spec_version":"2.1","id":"malware--{{n:x8}}-0000-4000-8000-000000000000","name":"m{{n}}","is_family":false,"description":"{{new string('d', descriptionLength)}}"}""";

    private static StixBundleWriter Writer(int maxBytes, int maxObjects = 5_000, ILogger<StixBundleWriter>? logger = null) =>
        new(new StixBundleWriterOptions { MaxBundleBytes = maxBytes, MaxObjectsPerBundle = maxObjects }, logger ?? NullLogger<StixBundleWriter>.Instance);

    private static List<string> ObjectIds(StixBundle bundle)
    {
        using var document = JsonDocument.Parse(bundle.Json);
        return [.. document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }

    [Fact]
    public void CreateBundles_SmallPage_OneSpecBundleWithEveryObject()
    {
        using var page = TransformHarness.Run(TransformDefaults.Create(), Malware(1, 10), Malware(2, 10),
            """{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--33333333-3333-4333-8333-333333333333","value":"1.2.3.4"}""");

        var bundles = Writer(TenMegabytes).CreateBundles(page).ToList();

        bundles.Should().ContainSingle();
        using var bundle = bundles[0];
        using var document = JsonDocument.Parse(bundle.Json);
        var root = document.RootElement;
        root.GetProperty("type").GetString().Should().Be("bundle");
        root.GetProperty("spec_version").GetString().Should().Be("2.1");
        root.GetProperty("id").GetString().Should().Be(bundle.Id).And.MatchRegex("^bundle--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        root.EnumerateObject().Select(p => p.Name).Should().Equal("type", "id", "spec_version", "objects");
        var objects = root.GetProperty("objects").EnumerateArray().ToList();
        objects.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            JsonAssert.Equal(objects[i].GetRawText(), page.GetObjectJson(i));
        }

        bundle.ObjectCount.Should().Be(3);
        bundle.EntityTypes.Should().Equal("malware", "ipv4-addr");
    }

    [Fact]
    public void CreateBundles_AuthorAndMarking_OpenEveryBundleOnce()
    {
        var options = TransformDefaults.Create(o => { o.CreateAuthor = true; o.AuthorName = "ACME Corp"; o.DefaultMarking = "TLP:AMBER+STRICT"; });
        var producerCopyOfMarking = """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--826578e1-40ad-459f-bc73-ede076f81f37","created":"2022-10-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"custom"}}""";
        var entries = Enumerable.Range(0, 40).Select(i => Malware(i, 300)).Append(producerCopyOfMarking).ToArray();
        using var page = TransformHarness.Run(options, entries);

        var bundles = Writer(StixBundleWriterOptions.MinimumMaxBundleBytes).CreateBundles(page).ToList();

        bundles.Should().HaveCountGreaterThan(2);
        var seen = new List<string>();
        foreach (var bundle in bundles)
        {
            var ids = ObjectIds(bundle);
            ids.Take(2).Should().Equal("identity--542072da-8b33-50bf-810b-d9cfd2a0bc69", "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37");
            ids.Skip(2).Should().NotContain(ids.Take(2));
            bundle.ObjectCount.Should().Be(ids.Count);
            bundle.EntityTypes.Should().Contain(["identity", "marking-definition", "malware"]);
            seen.AddRange(ids.Skip(2));
            bundle.Dispose();
        }

        seen.Should().HaveCount(40).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void CreateBundles_RandomSizesAndCaps_NeverSplitsDuplicatesOrExceeds()
    {
        var random = new Random(20261124);
        var transformer = TransformHarness.Create(TransformDefaults.Create(o => { o.CreateAuthor = true; o.AuthorName = "Feed"; }));
        for (var round = 0; round < 150; round++)
        {
            var count = random.Next(1, 60);
            var entries = Enumerable.Range(0, count).Select(i => Malware(i, random.Next(0, random.Next(2) == 0 ? 600 : 9_000))).ToArray();
            var maxBytes = random.Next(StixBundleWriterOptions.MinimumMaxBundleBytes, 40_000);
            var maxObjects = random.Next(1, 25);
            using var page = TransformHarness.Run(transformer, entries);
            var sharedBytes = page.SharedObjects.Sum(s => s.Json.Length + 1);
            var envelope = """{"type":"bundle","id":"bundle--00000000-0000-0000-0000-000000000000","spec_version":"2.1","objects":[]}""".Length;

            var delivered = new List<string>();
            foreach (var bundle in Writer(maxBytes, maxObjects).CreateBundles(page))
            {
                using (bundle)
                {
                    bundle.Json.Length.Should().BeLessThanOrEqualTo(maxBytes, "round {0}", round);
                    var ids = ObjectIds(bundle);
                    (ids.Count - page.SharedObjects.Count).Should().BeInRange(1, maxObjects);
                    delivered.AddRange(ids.Skip(page.SharedObjects.Count));
                }
            }

            var tooLarge = Enumerable.Range(0, page.Count)
                .Where(i => envelope + sharedBytes + page.GetObjectJson(i).Length > maxBytes)
                .Select(page.GetObjectId).ToList();
            page.Dropped.Where(d => d.Reason == DropReason.TooLarge).Select(d => d.Id).Should().Equal(tooLarge, "round {0}", round);
            delivered.Should().Equal(Enumerable.Range(0, page.Count).Select(page.GetObjectId).Except(tooLarge), "round {0}: in order, each once", round);
        }
    }

    [Fact]
    public void CreateBundles_ObjectLargerThanCap_DroppedWithReasonAndLogged()
    {
        var logger = new ListLogger<StixBundleWriter>();
        using var page = TransformHarness.Run(TransformDefaults.Create(), Malware(1, 10), Malware(2, 20_000), Malware(3, 10));

        var bundles = Writer(StixBundleWriterOptions.MinimumMaxBundleBytes, logger: logger).CreateBundles(page).ToList();

        bundles.SelectMany(ObjectIds).Should().Equal(page.GetObjectId(0), page.GetObjectId(2));
        page.Dropped.Should().ContainSingle().Which.Should().Match<DroppedObject>(d => d.Reason == DropReason.TooLarge && d.SourceIndex == 1);
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains(page.GetObjectId(1), StringComparison.Ordinal));
        bundles.ForEach(b => b.Dispose());
    }

    [Fact]
    public void CreateBundles_ObjectCap_SplitsByCount()
    {
        using var page = TransformHarness.Run(TransformDefaults.Create(), Enumerable.Range(0, 7).Select(i => Malware(i, 5)).ToArray());

        var bundles = Writer(TenMegabytes, maxObjects: 3).CreateBundles(page).ToList();

        bundles.Select(b => b.ObjectCount).Should().Equal(3, 3, 1);
        bundles.ForEach(b => b.Dispose());
    }

    private static string Indicator(int n) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{n:x8}}-0000-4000-8000-000000000000","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.{{n % 250}}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}""";

    [Theory]
    [InlineData(4_096, 5_000)]
    [InlineData(10_000, 7)]
    [InlineData(TenMegabytes, 5_000)]
    public void CreateBundles_PageInParts_SameBundlesAsTheWholePage(int maxBytes, int maxObjects)
    {
        var options = TransformDefaults.Create(o => { o.CreateAuthor = true; o.AuthorName = "ACME Corp"; o.DefaultMarking = "TLP:AMBER"; o.SaveOriginalIndicatorIdToNote = true; });
        var transformer = TransformHarness.Create(options);
        // Indicators (each with a generated note), malware of mixed sizes, and one object too large for the smallest cap
        // in the second part.
        var entries = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? Indicator(i) : Malware(i, (i * 37) % 900)).ToList();
        entries[45] = Malware(45, 5_000);
        using var whole = TransformHarness.Run(transformer, [.. entries]);
        using var first = TransformHarness.Run(transformer, [.. entries.Take(23)]);
        using var second = TransformHarness.Run(transformer, [.. entries.Skip(23)]);
        var writer = Writer(maxBytes, maxObjects);

        var expected = writer.CreateBundles(whole).ToList();
        var actual = writer.CreateBundles([first, second]).ToList();

        try
        {
            actual.Select(ObjectIds).Should().BeEquivalentTo(expected.Select(ObjectIds), o => o.WithStrictOrdering());
            actual.Select(b => b.ObjectCount).Should().Equal(expected.Select(b => b.ObjectCount));
            actual.Select(b => b.EntityTypes).Should().BeEquivalentTo(expected.Select(b => b.EntityTypes), o => o.WithStrictOrdering());
            actual.Select(b => b.AddedObjectCount).Should().Equal(expected.Select(b => b.AddedObjectCount));
            first.Dropped.Concat(second.Dropped).Select(d => (d.Id, d.Reason)).Should().Equal(whole.Dropped.Select(d => (d.Id, d.Reason)));
        }
        finally
        {
            foreach (var bundle in expected.Concat(actual))
            {
                bundle.Dispose();
            }
        }
    }

    [Fact]
    public void CreateBundles_AddedObjectCount_IsTheSharedObjectsPlusGeneratedNotes()
    {
        var options = TransformDefaults.Create(o => { o.CreateAuthor = true; o.AuthorName = "ACME Corp"; o.DefaultMarking = "TLP:AMBER"; o.SaveOriginalIndicatorIdToNote = true; });
        var entries = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? Indicator(i) : Malware(i, 100)).ToArray();
        using var page = TransformHarness.Run(options, entries);

        var bundles = Writer(TenMegabytes, maxObjects: 8).CreateBundles(page).ToList();

        try
        {
            bundles.Should().HaveCountGreaterThan(1);
            foreach (var bundle in bundles)
            {
                var ids = ObjectIds(bundle);
                var added = ids.Count(id => id.StartsWith("note--", StringComparison.Ordinal) || id.StartsWith("identity--", StringComparison.Ordinal)
                    || id.StartsWith("marking-definition--", StringComparison.Ordinal));
                added.Should().BeGreaterThan(2);
                bundle.AddedObjectCount.Should().Be(added);
            }

            bundles.Sum(b => b.ObjectCount - b.AddedObjectCount!.Value).Should().Be(30);
        }
        finally
        {
            foreach (var bundle in bundles)
            {
                bundle.Dispose();
            }
        }
    }

    [Fact]
    public void Dispose_Twice_ReleasesOnce()
    {
        var releases = 0;
        var bundle = new StixBundle("bundle--x", new byte[] { 1 }, 0, [], () => releases++);

        bundle.Dispose();
        bundle.Dispose();

        releases.Should().Be(1);
    }

    [Theory]
    [InlineData(100, 10)]
    [InlineData(TenMegabytes, 0)]
    public void Constructor_InvalidCaps_Throws(int maxBytes, int maxObjects)
    {
        var create = () => Writer(maxBytes, maxObjects);

        create.Should().Throw<ArgumentException>();
    }
}
