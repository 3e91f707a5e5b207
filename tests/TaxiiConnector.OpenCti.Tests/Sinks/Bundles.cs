using System.Text;
using System.Text.Json;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

internal static class Bundles
{
    public const string Identity = """{"type":"identity","spec_version":"2.1","id":"identity--7b3a9c58-4f6b-5cb8-9b0d-8e0e1b2a7f10","name":"ACME CERT","identity_class":"organization","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"}""";
    public const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created_by_ref":"identity--7b3a9c58-4f6b-5cb8-9b0d-8e0e1b2a7f10","name":"évil.example","pattern":"[domain-name:value = 'évil.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"}""";
    public const string Malware = """{"type":"malware","spec_version":"2.1","id":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b","created_by_ref":"identity--7b3a9c58-4f6b-5cb8-9b0d-8e0e1b2a7f10","name":"Poison Ivy","is_family":true,"created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"}""";
    public const string Relationship = """{"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad","created_by_ref":"identity--7b3a9c58-4f6b-5cb8-9b0d-8e0e1b2a7f10","relationship_type":"indicates","source_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","target_ref":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z"}""";

    public const string BundleId = "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d";

    /// <summary>The objects in an order a naive sender would use: the relationship before what it references.</summary>
    public static StixBundle Sample() => Create(Relationship, Indicator, Malware, Identity);

    public static StixBundle Create(params string[] objects)
    {
        var json = $$"""{"type":"bundle","id":"{{BundleId}}","spec_version":"2.1","objects":[{{string.Join(",", objects)}}]}""";
        var types = objects.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("type").GetString()!).Distinct().ToList();
        return new StixBundle(BundleId, Encoding.UTF8.GetBytes(json), objects.Length, types);
    }
}
