using System.Globalization;
using System.Text;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Tests.Support;

/// <summary>Small in-memory collections with known contents.</summary>
internal static class TestCollections
{
    public const string CollectionId = "0b7a2f4e-2c1d-4e8f-9a6b-5d3c2e1f0a9b";

    public static readonly DateTimeOffset FirstDateAdded = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="count"/> objects, one every second plus i microseconds; every third one an ipv4-addr observable,
    /// the rest indicators. Object i has id <see cref="IdOf"/>(i).
    /// </summary>
    public static InMemoryTaxiiObjectStore Create(int count)
    {
        var store = new InMemoryTaxiiObjectStore().AddCollection(new TaxiiCollectionInfo(CollectionId, "Test collection") { Alias = "test" });
        for (var i = 0; i < count; i++)
        {
            store.Add(CollectionId, Encoding.UTF8.GetBytes(ObjectJson(i)), DateAddedOf(i));
        }

        return store;
    }

    public static DateTimeOffset DateAddedOf(int index) => FirstDateAdded.AddSeconds(index).AddTicks(index * 10);

    public static string TypeOf(int index) => index % 3 == 2 ? "ipv4-addr" : "indicator";

    public static string IdOf(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{TypeOf(index)}--00000000-0000-4000-8000-{index:D12}");

    public static string ObjectJson(int index) => TypeOf(index) == "indicator"
        ? string.Create(CultureInfo.InvariantCulture, $$"""{"type":"indicator","spec_version":"2.1","id":"{{IdOf(index)}}","created":"2026-02-01T00:00:00.000Z","modified":"2026-02-01T00:00:{{index % 60:D2}}.000Z","pattern":"[ipv4-addr:value = '198.51.100.{{index % 250}}']","pattern_type":"stix","valid_from":"2026-02-01T00:00:00Z"}""")
        : string.Create(CultureInfo.InvariantCulture, $$"""{"type":"ipv4-addr","spec_version":"2.1","id":"{{IdOf(index)}}","value":"192.0.2.{{index % 250}}"}""");

    public static string Timestamp(int index) => TaxiiTimestamp.Format(DateAddedOf(index));
}
