using System.Text;
using System.Text.Json;
using TaxiiConnector.OpenCti.Amqp;
using TaxiiConnector.OpenCti.Sinks.Splitting;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

public sealed class OneObjectBundlesTests
{
    private const string ApplicantId = "88ec0c6a-13ce-5e39-b486-354fe4a7084f";

    [Fact]
    public void Create_OrdersByDependencyCountWithSequence()
    {
        using var bundle = Bundles.Sample();
        using var pieces = OneObjectBundles.Create(bundle);

        var decoded = Decode(pieces);

        decoded.Select(p => p.GetProperty("objects")[0].GetProperty("type").GetString())
            .Should().Equal("identity", "indicator", "malware", "relationship");
        decoded.Select(p => p.GetProperty("x_opencti_seq").GetInt32()).Should().Equal([1, 2, 2, 6], "1 + identity (1) + indicator (2) + malware (2)");
        decoded.Should().OnlyContain(p => p.GetProperty("type").GetString() == "bundle"
            && p.GetProperty("id").GetString() == Bundles.BundleId
            && p.GetProperty("spec_version").GetString() == "2.1"
            && p.GetProperty("objects").GetArrayLength() == 1);
    }

    [Fact]
    public void Create_DuplicateIds_LastOccurrenceWins()
    {
        var older = Bundles.Malware.Replace("Poison Ivy", "Old name", StringComparison.Ordinal);
        using var bundle = Bundles.Create(older, Bundles.Identity, Bundles.Malware);
        using var pieces = OneObjectBundles.Create(bundle);

        var texts = Enumerable.Range(0, pieces.Count).Select(i => Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(pieces.Base64Content(i))))).ToList();

        texts.Should().HaveCount(2);
        texts.Should().ContainSingle(p => p.Contains("Poison Ivy")).And.NotContain(p => p.Contains("Old name"));
    }

    [Fact]
    public void Create_ReferenceCycle_Terminates()
    {
        var a = """{"type":"note","id":"note--1","object_refs":["note--2"],"content":"a"}""";
        var b = """{"type":"note","id":"note--2","object_refs":["note--1"],"content":"b"}""";
        using var bundle = Bundles.Create(a, b);

        OneObjectBundles.Create(bundle).Count.Should().Be(2);
    }

    [Fact]
    public void Create_ReportsReferencingEveryEarlierReport_CountsWithoutOverflow()
    {
        // Paths are summed (pycti's splitter adds each reference's count; Python integers do not overflow): 80 reports,
        // each referencing every earlier one, give about 2^79 paths.
        var reports = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            var refs = string.Join(",", Enumerable.Range(0, i).Select(j => $"\"report--{j}\""));
            reports.Add($$"""{"type":"report","id":"report--{{i}}","object_refs":[{{refs}}]}""");
        }

        using var bundle = Bundles.Create([.. Enumerable.Reverse(reports)]);
        using var pieces = OneObjectBundles.Create(bundle);

        var decoded = Decode(pieces);
        decoded.Should().HaveCount(80);
        decoded.Take(60).Select(p => p.GetProperty("objects")[0].GetProperty("id").GetString()).Should().Equal(reports.Take(60).Select((_, i) => $"report--{i}"));
        decoded[^1].GetProperty("x_opencti_seq").GetInt64().Should().Be(long.MaxValue, "past 2^63 paths the count saturates");
    }

    [Fact]
    public void Create_EscapedReference_StillCountsAsADependency()
    {
        // A producer may escape any character of a string; the reference is the same id.
        var escaped = Bundles.Relationship.Replace("\"source_ref\":\"indicator--", "\"source_ref\":\"indic\\u0061tor--", StringComparison.Ordinal);
        using var bundle = Bundles.Create(escaped, Bundles.Indicator, Bundles.Malware, Bundles.Identity);
        using var pieces = OneObjectBundles.Create(bundle);

        Decode(pieces)[^1].GetProperty("x_opencti_seq").GetInt32().Should().Be(6);
    }

    [Fact]
    public void Create_SharedObjectsOfTheBundle_AreNamedByTheirId()
    {
        using var plain = Bundles.Create(Bundles.Identity, Bundles.Malware);
        using var bundle = new StixBundle(plain.Id, plain.Json, plain.ObjectCount, plain.EntityTypes) { SharedObjectCount = 1 };
        using var pieces = OneObjectBundles.Create(bundle);

        Enumerable.Range(0, pieces.Count).Select(pieces.SharedObjectId).Should().Equal("identity--7b3a9c58-4f6b-5cb8-9b0d-8e0e1b2a7f10", null);
    }

    /// <summary>
    /// The golden message. pycti's <c>OpenCTIConnectorHelper._send_bundle</c> (client-python/pycti/connector/
    /// opencti_connector_helper.py) publishes <c>{"bundle_type": "QUEUE_BUNDLE", "applicant_id", "action_sequence",
    /// "entities_types": [], "content": base64(bundle), "update": false, "draft_id": None, "work_id"}</c> in that key order,
    /// <c>work_id</c> only when set; the content is the splitter's one-object bundle
    /// <c>{"type","id","spec_version","x_opencti_seq","objects":[obj]}</c> (OpenCTIStix2Splitter). Ours is that body written
    /// compactly, with the object's bytes (non-ASCII included) exactly as the bundle holds them.
    /// </summary>
    [Fact]
    public void Messages_MatchTheGoldenPyctiBodyByteForByte()
    {
        using var bundle = Bundles.Create(Bundles.Indicator, Bundles.Identity);
        using var pieces = OneObjectBundles.Create(bundle);
        using var batch = QueueMessageBatch.Build(pieces, [0, 1], new QueueMessageEnvelope(ApplicantId, "work-1"));

        const string identityBundle = """{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","spec_version":"2.1","x_opencti_seq":1,"objects":[""" + Bundles.Identity + "]}";
        const string indicatorBundle = """{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","spec_version":"2.1","x_opencti_seq":2,"objects":[""" + Bundles.Indicator + "]}";
        var golden = new[]
        {
            """{"bundle_type":"QUEUE_BUNDLE","applicant_id":"88ec0c6a-13ce-5e39-b486-354fe4a7084f","action_sequence":1,"entities_types":[],"content":""" +
            "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(identityBundle)) + "\"" + ""","update":false,"draft_id":null,"work_id":"work-1"}""",
            """{"bundle_type":"QUEUE_BUNDLE","applicant_id":"88ec0c6a-13ce-5e39-b486-354fe4a7084f","action_sequence":2,"entities_types":[],"content":""" +
            "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(indicatorBundle)) + "\"" + ""","update":false,"draft_id":null,"work_id":"work-1"}""",
        };

        Enumerable.Range(0, batch.Count).Select(i => Encoding.UTF8.GetString(batch.Body(i).Span)).Should().Equal(golden);
        batch.LargestBody.Should().Be(golden.Max(g => Encoding.UTF8.GetByteCount(g)));
    }

    [Fact]
    public void Messages_NoWorkNoApplicant_NullApplicantAndNoWorkId()
    {
        using var bundle = Bundles.Create(Bundles.Identity);
        using var pieces = OneObjectBundles.Create(bundle);
        using var batch = QueueMessageBatch.Build(pieces, [0], new QueueMessageEnvelope(null, null));

        using var body = JsonDocument.Parse(batch.Body(0));
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(
            "bundle_type", "applicant_id", "action_sequence", "entities_types", "content", "update", "draft_id");
        body.RootElement.GetProperty("applicant_id").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Messages_ApplicantWithQuote_IsEscapedAsJson()
    {
        using var bundle = Bundles.Create(Bundles.Identity);
        using var pieces = OneObjectBundles.Create(bundle);
        using var batch = QueueMessageBatch.Build(pieces, [0], new QueueMessageEnvelope("a\"b", "w\\1"));

        using var body = JsonDocument.Parse(batch.Body(0));
        body.RootElement.GetProperty("applicant_id").GetString().Should().Be("a\"b");
        body.RootElement.GetProperty("work_id").GetString().Should().Be("w\\1");
    }

    private static List<JsonElement> Decode(OneObjectBundles pieces) =>
        Enumerable.Range(0, pieces.Count)
            .Select(i => JsonDocument.Parse(Convert.FromBase64String(Encoding.ASCII.GetString(pieces.Base64Content(i)))).RootElement.Clone())
            .ToList();
}
