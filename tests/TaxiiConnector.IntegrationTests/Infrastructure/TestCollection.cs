using System.Globalization;
using System.Text;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.IntegrationTests.Infrastructure;

/// <summary>
/// A generated collection of STIX 2.1 indicators, one <c>date_added</c> second apart, so the server pages it in a known
/// order and page k holds objects [(k-1)·pageSize, k·pageSize).
/// </summary>
internal sealed class TestCollection
{
    public static readonly DateTimeOffset FirstDateAdded = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TestCollection(int objects, string id = "9d3f2a61-2b1c-4e57-8a0f-6c4b1d2e3f40", string title = "Generated indicators")
    {
        Count = objects;
        Id = id;
        Title = title;
    }

    public int Count { get; }

    public string Id { get; }

    public string Title { get; }

    public static string ObjectId(int index) => $"indicator--00000000-0000-4000-8000-{index:D12}";

    public IReadOnlyList<string> ObjectIds => [.. Enumerable.Range(0, Count).Select(ObjectId)];

    public static string ObjectJson(int index)
    {
        var created = FirstDateAdded.AddSeconds(index).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var octet = (index % 250) + 1;
        return $$"""{"type":"indicator","spec_version":"2.1","id":"{{ObjectId(index)}}","created":"{{created}}","modified":"{{created}}","name":"generated indicator {{index}}","pattern":"[ipv4-addr:value = '198.51.100.{{octet}}']","pattern_type":"stix","valid_from":"{{created}}","labels":["generated"]}""";
    }

    public InMemoryTaxiiObjectStore AddTo(InMemoryTaxiiObjectStore store)
    {
        store.AddCollection(new TaxiiCollectionInfo(Id, Title) { CanRead = true });
        for (var index = 0; index < Count; index++)
        {
            store.Add(Id, Encoding.UTF8.GetBytes(ObjectJson(index)), FirstDateAdded.AddSeconds(index));
        }

        return store;
    }

    public InMemoryTaxiiObjectStore CreateStore() => AddTo(new InMemoryTaxiiObjectStore());
}
