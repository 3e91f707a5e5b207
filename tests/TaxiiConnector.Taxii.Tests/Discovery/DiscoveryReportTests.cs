using TaxiiConnector.Taxii.Discovery;
using TaxiiConnector.Taxii.Selection;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Resources;

namespace TaxiiConnector.Taxii.Tests.Discovery;

public sealed class DiscoveryReportTests
{
    private static readonly Uri Api1 = new("https://taxii.example/taxii2/api1/");
    private static readonly Uri Api2 = new("https://taxii.example/api2/");

    private static TaxiiCollection C(Uri root, string id, string title, bool canRead = true, string? alias = null) =>
        new(root, TaxiiVersion.V21, id, title, null, alias, canRead, !canRead, []);

    [Fact]
    public async Task WriteAsync_Catalog_PrintsRootsCollectionsAndTheExactSelectingEntry()
    {
        var discovery = new TaxiiDiscovery(new Uri("https://taxii.example/taxii2/"), TaxiiVersion.V21, "Example TAXII", null, Api1, [Api1, Api2]);
        var catalog = new TaxiiCatalog(discovery,
        [
            new ApiRootCollections(Api1, "Main", [
                C(Api1, "aaaa", "Indicators"),
                C(Api1, "bbbb", "Indicators"),
                C(Api1, "cccc", "a,b", alias: "ab"),
                C(Api1, "dddd", "Drop box", canRead: false),
            ]),
            new ApiRootCollections(Api2, null, [], "TAXII request https://taxii.example/api2/collections/ failed with HTTP 403 Forbidden"),
        ]);
        using var writer = new StringWriter { NewLine = "\n" };

        await DiscoveryReport.WriteAsync(writer, catalog);

        writer.ToString().Should().Be("""
            TAXII 2.1 server https://taxii.example/taxii2/ "Example TAXII"

            API root https://taxii.example/taxii2/api1/ (name: api1) "Main" [default]
              collection id  can_read  can_write  title       TAXII2_COLLECTIONS entry
              aaaa           true      false      Indicators  api1.aaaa
              bbbb           true      false      Indicators  api1.bbbb
              cccc           true      false      a,b         api1.ab
              dddd           false     true       Drop box    api1.Drop box

            API root https://taxii.example/api2/ (name: api2)
              error: TAXII request https://taxii.example/api2/collections/ failed with HTTP 403 Forbidden

            """);
    }

    [Fact]
    public void SelectingEntry_EveryPrintedEntry_SelectsExactlyItsCollection()
    {
        var dotted = new Uri("https://h/feeds.v2/");
        IReadOnlyList<ApiRootCollections> roots =
        [
            new(dotted, null, [C(dotted, "1", "x.y"), C(dotted, "2", "y")]),
            new(new Uri("https://h/feeds/"), null, [C(new Uri("https://h/feeds/"), "3", "v2.y")]),
        ];

        foreach (var collection in roots.SelectMany(r => r.Collections))
        {
            var entry = DiscoveryReport.SelectingEntry(collection, roots);
            CollectionSelector.Match(entry, roots).Should().ContainSingle().Which.Id.Should().Be(collection.Id, entry);
        }
    }
}
