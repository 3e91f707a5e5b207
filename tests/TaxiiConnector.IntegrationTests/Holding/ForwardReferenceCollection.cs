using System.Globalization;
using System.Text;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.IntegrationTests.Holding;

/// <summary>
/// A collection served in pages of 10 whose first page holds relationships between objects of later pages: page 1 has
/// relationships indicator k → malware k, page 2 the indicators, page 3 the malware, page 4 a report naming the first five
/// relationships and five relationships to a malware that never comes.
/// </summary>
internal static class ForwardReferenceCollection
{
    public const int PageSize = 10;
    public const string CollectionId = "5c0a3e1f-9d2b-4e8c-8a6f-1b2c3d4e5f60";
    public const string Title = "Forward references";
    public const string Never = "malware--00000000-0000-4000-8000-999999999999";

    private static readonly DateTimeOffset First = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Indicator(int k) => $"indicator--00000000-0000-4000-8000-1000000000{k:D2}";

    public static string Malware(int k) => $"malware--00000000-0000-4000-8000-2000000000{k:D2}";

    public static string Relationship(int k) => $"relationship--00000000-0000-4000-8000-3000000000{k:D2}";

    public static string RelationshipToNever(int k) => $"relationship--00000000-0000-4000-8000-4000000000{k:D2}";

    public const string Report = "report--00000000-0000-4000-8000-500000000000";

    public static IReadOnlyList<string> Objects
    {
        get
        {
            const string Times = "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\"";
            var objects = new List<string>();
            objects.AddRange(Enumerable.Range(0, 10).Select(k =>
                $$"""{"type":"relationship","spec_version":"2.1","id":"{{Relationship(k)}}",{{Times}},"relationship_type":"indicates","source_ref":"{{Indicator(k)}}","target_ref":"{{Malware(k)}}"}"""));
            objects.AddRange(Enumerable.Range(0, 10).Select(k =>
                $$"""{"type":"indicator","spec_version":"2.1","id":"{{Indicator(k)}}",{{Times}},"name":"i{{k}}","pattern":"[ipv4-addr:value = '198.51.100.{{k + 1}}']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}"""));
            objects.AddRange(Enumerable.Range(0, 10).Select(k =>
                $$"""{"type":"malware","spec_version":"2.1","id":"{{Malware(k)}}",{{Times}},"name":"m{{k}}","is_family":false}"""));
            objects.Add($$"""{"type":"report","spec_version":"2.1","id":"{{Report}}",{{Times}},"name":"r","published":"2026-01-01T00:00:00.000Z","object_refs":[{{string.Join(',', Enumerable.Range(0, 5).Select(k => "\"" + Relationship(k) + "\""))}}]}""");
            objects.AddRange(Enumerable.Range(0, 5).Select(k =>
                $$"""{"type":"relationship","spec_version":"2.1","id":"{{RelationshipToNever(k)}}",{{Times}},"relationship_type":"indicates","source_ref":"{{Indicator(k)}}","target_ref":"{{Never}}"}"""));
            return objects;
        }
    }

    public static InMemoryTaxiiObjectStore CreateStore(IReadOnlyList<string>? objects = null, string collectionId = CollectionId, string title = Title)
    {
        var store = new InMemoryTaxiiObjectStore();
        store.AddCollection(new TaxiiCollectionInfo(collectionId, title) { CanRead = true });
        var list = objects ?? Objects;
        for (var i = 0; i < list.Count; i++)
        {
            store.Add(collectionId, Encoding.UTF8.GetBytes(list[i]), First.AddSeconds(i));
        }

        return store;
    }

    /// <summary>The ids an object references (<c>*_ref</c>, <c>*_refs</c>).</summary>
    public static IEnumerable<string> References(System.Text.Json.Nodes.JsonObject item)
    {
        foreach (var (name, value) in item)
        {
            if (name.EndsWith("_ref", StringComparison.Ordinal) && value is System.Text.Json.Nodes.JsonValue single
                && single.TryGetValue<string>(out var id))
            {
                yield return id;
            }
            else if (name.EndsWith("_refs", StringComparison.Ordinal) && value is System.Text.Json.Nodes.JsonArray list)
            {
                foreach (var entry in list)
                {
                    yield return entry!.GetValue<string>();
                }
            }
        }
    }

    public static string Describe(int position) => position.ToString(CultureInfo.InvariantCulture);
}
