using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Taxii.Selection;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Selection;

public sealed class CollectionSelectorTests
{
    private static readonly Uri Api1 = new("https://taxii.example/taxii2/api1/");
    private static readonly Uri Feeds = new("https://taxii.example/feeds.v2/");

    private static TaxiiCollection C(Uri root, string id, string title, string? alias = null, bool canRead = true) =>
        new(root, TaxiiVersion.V21, id, title, null, alias, canRead, false, []);

    private static readonly IReadOnlyList<ApiRootCollections> Catalog =
    [
        new(Api1, "Main root", [
            C(Api1, "11111111-1111-4111-8111-111111111111", "Enterprise ATT&CK"),
            C(Api1, "22222222-2222-4222-8222-222222222222", "ti.feed.v2", alias: "tifeed"),
            C(Api1, "33333333-3333-4333-8333-333333333333", "Write only", canRead: false),
        ]),
        new(Feeds, "Partner feeds", [
            C(Feeds, "44444444-4444-4444-8444-444444444444", "Enterprise ATT&CK"),
            C(Feeds, "55555555-5555-4555-8555-555555555555", "IOC"),
        ]),
    ];

    private static List<string> Select(string setting, CapturingLoggerProvider? logs = null)
    {
        var logger = logs is null ? (Microsoft.Extensions.Logging.ILogger)NullLogger.Instance : logs.CreateLogger("test");
        return CollectionSelector.Parse(setting).Select(Catalog, logger).Select(c => c.Id[..8]).ToList();
    }

    [Fact]
    public void Select_StarStar_EveryReadableCollectionAndSkipsCanReadFalseWithWarning()
    {
        var logs = new CapturingLoggerProvider();

        Select("*.*", logs).Should().Equal("11111111", "22222222", "44444444", "55555555");
        logs.AllText.Should().Contain("Write only").And.Contain("can_read: false");
    }

    [Fact]
    public void Select_EmptySetting_MeansStarStar() => Select(" ").Should().HaveCount(4);

    [Fact]
    public void Select_DottedCollectionTitle_IsFoundByTryingEverySplitPoint() =>
        Select("api1.ti.feed.v2").Should().Equal("22222222");

    [Fact]
    public void Select_DottedRootSegment_IsFoundByTryingEverySplitPoint() =>
        Select("feeds.v2.IOC").Should().Equal("55555555");

    [Theory]
    [InlineData("Main root.Enterprise ATT&CK", "11111111")]
    [InlineData("api1.22222222-2222-4222-8222-222222222222", "22222222")]
    [InlineData("api1.tifeed", "22222222")]
    [InlineData("*.IOC", "55555555")]
    [InlineData("feeds.v2.*", "44444444,55555555")]
    [InlineData("IOC", "55555555")]
    public void Select_RootByTitleOrSegment_CollectionByTitleIdOrAlias(string setting, string expected) =>
        Select(setting).Should().Equal(expected.Split(','));

    [Fact]
    public void Select_StarTitlePresentInOnlySomeRoots_KeepsEveryMatch() =>
        // The Python connector dropped everything when one root lacked the title.
        Select("*.Enterprise ATT&CK").Should().Equal("11111111", "44444444");

    [Fact]
    public void Select_SeveralEntries_UnionWithoutDuplicatesInCatalogOrder() =>
        Select(" feeds.v2.IOC , *.Enterprise ATT&CK,api1.*,api1.tifeed ").Should().Equal("11111111", "22222222", "44444444", "55555555");

    [Fact]
    public void Select_EntryMatchingNothing_WarnsWithTheAvailableNames()
    {
        var logs = new CapturingLoggerProvider();

        Select("api1.Nope,api1.tifeed", logs).Should().Equal("22222222");
        logs.AllText.Should().Contain("'api1.Nope' matches no collection").And.Contain("api1.ti.feed.v2");
    }

    [Fact]
    public void Select_NamesAreCaseSensitive() => Select("API1.IOC").Should().BeEmpty();
}
