using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Pipeline.Cleanup;
using TaxiiConnector.Pipeline.Holding;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Tests.Pipeline.Cleanup;

/// <summary>
/// The hash-based scan that lets a unit skip the exact clean-up (pycti's <c>OpenCTIStix2Splitter.enlist_element</c> walk,
/// <c>pycti/utils/opencti_stix2_splitter.py</c>) must never skip a unit the walk would edit, and must give the holding the
/// same ids, other ids and dependencies as reading the fields did. Checked against the exact clean-up on generated units
/// full of what the walk edits: cycles through aliases, self references, repeats, unsupported types, embedded objects
/// without identity or twice, relationships without ends, ids twice.
/// </summary>
public sealed class UnitScanTests
{
    private static readonly string[] Ids =
    [
        "malware--00000000-0000-4000-8000-000000000001",
        "malware--00000000-0000-4000-8000-000000000002",
        "report--00000000-0000-4000-8000-000000000003",
        "note--00000000-0000-4000-8000-000000000004",
        "identity--00000000-0000-4000-8000-000000000005",
        "x-acme-widget--00000000-0000-4000-8000-000000000006",
        "relationship--00000000-0000-4000-8000-000000000007",
        "sighting--00000000-0000-4000-8000-000000000008",
        "malware--00000000-0000-4000-8000-000000000009",
        "report--00000000-0000-4000-8000-00000000000a",
        "malware--0000000\u00e9-0000-4000-8000-00000000000b",
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    ];

    private static TransformedPage Transform(IEnumerable<string> objects)
    {
        using var document = JsonDocument.Parse("[" + string.Join(',', objects) + "]");
        return new StixTransformer(new StixTransformerOptions(), NullLogger<StixTransformer>.Instance, TimeProvider.System)
            .Transform([.. document.RootElement.EnumerateArray()]);
    }

    /// <summary>What the exact clean-up does to the page: true when it drops, edits or counts anything.</summary>
    private static bool ExactCleanupChangesSomething(TransformedPage page)
    {
        var items = new List<CleanupItem>();
        for (var i = 0; i < page.Count; i++)
        {
            if (StixObjectFields.Read(page.GetObjectJson(i)) is { } fields)
            {
                items.Add(new CleanupItem(page.GetObjectId(i), fields));
            }
        }

        var cut = new ReasonCounts();
        PlatformSplitterCleanup.Apply(items, cut);
        return cut.Total > 0 || items.Exists(item => item.Dropped is not null || item.Changed);
    }

    private static bool ScanSaysNothingToClean(TransformedPage page)
    {
        var scan = UnitScan.Rent();
        try
        {
            scan.Scan([page], holding: false);
            return scan.NothingToClean();
        }
        finally
        {
            UnitScan.Return(scan);
        }
    }

    private static string Id(Random random) => Ids[random.Next(Ids.Length)];

    private static string Refs(Random random)
    {
        var count = random.Next(0, 4);
        return "[" + string.Join(',', Enumerable.Range(0, count).Select(_ => random.Next(12) == 0 ? "7" : "\"" + Id(random) + "\"")) + "]";
    }

    private static string ExternalReferences(Random random)
    {
        var entries = Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(4) switch
        {
            0 => $$"""{"source_name":"s","url":"https://x.example/{{random.Next(3)}}"}""",
            1 => $$"""{"source_name":"mitre","external_id":"T{{random.Next(3)}}"}""",
            2 => """{"source_name":"only a name"}""",
            _ => $$"""{"source_name":"s{{random.Next(1000)}}","url":"https://y.example/{{random.Next(1000)}}"}""",
        });
        return "[" + string.Join(',', entries) + "]";
    }

    private static string KillChainPhases(Random random) =>
        "[" + string.Join(',', Enumerable.Range(0, random.Next(0, 3)).Select(_ => $$"""{"kill_chain_name":"k","phase_name":"p{{random.Next(3)}}"}""")) + "]";

    /// <summary>One object of a generated unit: its id, and references drawn from the same few ids (so they meet).</summary>
    private static string Generate(Random random, string id)
    {
        var type = id[..id.IndexOf("--", StringComparison.Ordinal)];
        var common = "\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"created_by_ref\":\"" + Ids[4] + "\"";
        var extra = new StringBuilder();
        if (random.Next(6) == 0)
        {
            extra.Append(",\"x_opencti_id\":\"").Append(Id(random)).Append('"');
        }

        if (random.Next(3) == 0)
        {
            extra.Append(",\"external_references\":").Append(ExternalReferences(random));
        }

        if (random.Next(4) == 0)
        {
            extra.Append(",\"object_marking_refs\":").Append(Refs(random));
        }

        return type switch
        {
            "malware" => $$"""{{{common}},"name":"m","is_family":true,"kill_chain_phases":{{KillChainPhases(random)}}{{extra}}}""",
            "report" => $$"""{{{common}},"name":"r","published":"2024-01-01T00:00:00.000Z","object_refs":{{Refs(random)}}{{extra}}}""",
            "note" => $$"""{{{common}},"content":"n","object_refs":{{Refs(random)}}{{extra}}}""",
            "relationship" => random.Next(5) == 0
                ? $$"""{{{common}},"relationship_type":"uses","source_ref":"{{Id(random)}}"{{extra}}}"""
                : $$"""{{{common}},"relationship_type":"uses","source_ref":"{{Id(random)}}","target_ref":"{{Id(random)}}"{{extra}}}""",
            "sighting" => $$"""{{{common}},"sighting_of_ref":"{{Id(random)}}","where_sighted_refs":{{Refs(random)}}{{extra}}}""",
            _ => $$"""{{{common}},"name":"x"{{extra}}}""",
        };
    }

    private static List<string> GenerateUnit(Random random)
    {
        var ids = Ids.Where(id => !id.StartsWith("marking", StringComparison.Ordinal)).OrderBy(_ => random.Next()).Take(random.Next(1, 9)).ToList();
        if (random.Next(8) == 0)
        {
            // The same id twice in one unit.
            ids.Add(ids[0]);
        }

        return [.. ids.Select(id => Generate(random, id))];
    }

    [Fact]
    public void NothingToClean_GeneratedUnits_NeverSaysSoWhenTheExactCleanupWouldEditAndSaysSoOften()
    {
        var random = new Random(1802);
        var skipped = 0;
        var edited = 0;
        for (var unit = 0; unit < 3000; unit++)
        {
            var objects = GenerateUnit(random);
            using var page = Transform(objects);
            var exact = ExactCleanupChangesSomething(page);
            var nothing = ScanSaysNothingToClean(page);
            if (nothing)
            {
                exact.Should().BeFalse("the exact clean-up edits this unit: " + string.Join('\n', objects));
                skipped++;
            }

            edited += exact ? 1 : 0;
        }

        // Both kinds are frequent, and the scan recognises most units that need nothing.
        edited.Should().BeGreaterThan(500);
        skipped.Should().BeGreaterThan((3000 - edited) * 3 / 4);
    }

    [Fact]
    public void Dependencies_GeneratedObjects_AreWhatTheHoldingReadFromTheFields()
    {
        var random = new Random(1803);
        for (var unit = 0; unit < 500; unit++)
        {
            using var page = Transform(GenerateUnit(random));
            var scan = UnitScan.Rent();
            try
            {
                scan.Scan([page], holding: true);
                scan.Count.Should().Be(page.Count);
                for (var i = 0; i < scan.Count; i++)
                {
                    var id = page.GetObjectId(i);
                    var fields = StixObjectFields.Read(page.GetObjectJson(i))!;
                    scan.IdHash(i).Should().Be(IdHash.Of(id));
                    scan.Dependencies(i).ToArray().Should().Equal(ReferenceHolding.Dependencies(id, fields));
                    var aliases = new[] { fields.OpenCtiId, fields.ExtensionId }.Where(a => a is { Length: > 0 }).Select(a => IdHash.Of(a!));
                    scan.Aliases(i).ToArray().Should().Equal(aliases);
                }
            }
            finally
            {
                UnitScan.Return(scan);
            }
        }
    }

    [Theory]
    [InlineData("malware--00000000-0000-4000-8000-000000000001")]
    [InlineData("malware--0000000\u00e9-0000-4000-8000-00000000000b")]
    [InlineData("")]
    public void OfUtf8_AnyId_IsTheHashOfItsString(string id)
    {
        IdHash.OfUtf8(Encoding.UTF8.GetBytes(id)).Should().Be(IdHash.Of(id));
    }

    [Fact]
    public void NothingToClean_SameIdTwice_LeavesTheUnitToTheExactCleanup()
    {
        // Two objects under one name (the same id twice, or two ids whose hashes collide: the scan cannot tell them
        // apart) go to the exact clean-up, which compares the ids themselves.
        var malware = $$"""{"type":"malware","spec_version":"2.1","id":"{{Ids[0]}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"m","is_family":true}""";
        using var once = Transform([malware]);
        using var twice = Transform([malware, malware]);

        ScanSaysNothingToClean(once).Should().BeTrue();
        ScanSaysNothingToClean(twice).Should().BeFalse();
    }

    [Fact]
    public void NothingToClean_CycleThroughAnAlias_LeavesTheUnitToTheExactCleanup()
    {
        // The report names the note by its x_opencti_id; the note names the report: pycti cuts the note's reference.
        var report = $$"""{"type":"report","spec_version":"2.1","id":"{{Ids[2]}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"r","published":"2024-01-01T00:00:00.000Z","object_refs":["{{Ids[0]}}"]}""";
        var note = $$"""{"type":"note","spec_version":"2.1","id":"{{Ids[3]}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","content":"n","x_opencti_id":"{{Ids[0]}}","object_refs":["{{Ids[2]}}"]}""";
        using var page = Transform([report, note]);

        ExactCleanupChangesSomething(page).Should().BeTrue();
        ScanSaysNothingToClean(page).Should().BeFalse();
    }
}
