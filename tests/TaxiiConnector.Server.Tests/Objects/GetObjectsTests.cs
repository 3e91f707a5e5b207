using System.Net;
using System.Text.Json;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.Objects;

public sealed class GetObjectsTests
{
    [Fact]
    public async Task GetObjects_LimitAndNext_PagesThroughEveryObjectOnceInDateAddedOrder()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(23));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var seen = new List<string>();
        var pages = new List<ObjectsPage>();

        var page = await ObjectsPage.GetAsync(client, url, "limit=5");
        pages.Add(page);
        while (page.More == true)
        {
            page.Next.Should().NotBeNullOrEmpty();
            page = await ObjectsPage.GetAsync(client, url, "limit=5&next=" + Uri.EscapeDataString(page.Next!));
            pages.Add(page);
            pages.Count.Should().BeLessThan(10, "the server must end the paging");
        }

        seen.AddRange(pages.SelectMany(p => p.Ids));
        seen.Should().Equal(Enumerable.Range(0, 23).Select(TestCollections.IdOf));
        pages.Select(p => p.Ids.Count).Should().Equal(5, 5, 5, 5, 3);
        pages[^1].More.Should().BeFalse();
        pages[^1].Next.Should().BeNull();
        pages[1].DateAddedFirst.Should().Be(TestCollections.Timestamp(5));
        pages[1].DateAddedLast.Should().Be(TestCollections.Timestamp(9));
        pages[^1].DateAddedLast.Should().Be(TestCollections.Timestamp(22));
    }

    [Fact]
    public async Task GetObjects_ResponseHeaders_CarryTaxiiMediaTypeAndMicrosecondTimestamps()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(3));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-First").Should().Be("2026-03-01T12:00:00.000000Z");
        TaxiiHttp.Header(response, "X-TAXII-Date-Added-Last").Should().Be("2026-03-01T12:00:02.000002Z");
        var page = await ObjectsPage.ReadAsync(response);
        page.More.Should().BeFalse();
        page.Next.Should().BeNull();
        page.Ids.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetObjects_ServedObjects_AreTheStoredJsonUnchanged()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(3));
        using var client = TaxiiHttp.CreateClient();

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "");

        using var body = JsonDocument.Parse(page.RawBody);
        body.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetRawText())
            .Should().Equal(Enumerable.Range(0, 3).Select(TestCollections.ObjectJson));
    }

    [Fact]
    public async Task GetObjects_LimitAboveServerCap_ReturnsCapAndMore()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(12), defaultPageSize: 4, maxPageSize: 5);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var capped = await ObjectsPage.GetAsync(client, url, "limit=50");
        var defaulted = await ObjectsPage.GetAsync(client, url, "");

        capped.Ids.Should().HaveCount(5);
        capped.More.Should().BeTrue();
        defaulted.Ids.Should().HaveCount(4);
        defaulted.More.Should().BeTrue();
    }

    [Fact]
    public async Task GetObjects_LimitBeyondInt_IsClampedToTheServerCap()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(12), defaultPageSize: 4, maxPageSize: 5);
        using var client = TaxiiHttp.CreateClient();

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "limit=99999999999999999999");

        page.Ids.Should().HaveCount(5);
    }

    [Fact]
    public async Task GetObjects_LimitEqualToRemaining_SaysNoMore()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10));
        using var client = TaxiiHttp.CreateClient();

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "limit=10");

        page.Ids.Should().HaveCount(10);
        page.More.Should().BeFalse();
        page.Next.Should().BeNull();
    }

    [Fact]
    public async Task GetObjects_AddedAfterExactDateAdded_ReturnsOnlyStrictlyLaterObjects()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10));
        using var client = TaxiiHttp.CreateClient();

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "added_after=" + TestCollections.Timestamp(6));

        page.Ids.Should().Equal(Enumerable.Range(7, 3).Select(TestCollections.IdOf));
        page.DateAddedFirst.Should().Be(TestCollections.Timestamp(7));
        page.DateAddedLast.Should().Be(TestCollections.Timestamp(9));
    }

    [Fact]
    public async Task GetObjects_AddedAfterOneMicrosecondEarlier_IncludesThatObject()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10));
        using var client = TaxiiHttp.CreateClient();
        var justBefore = global::TaxiiConnector.Taxii.Taxii2.Pagination.TaxiiTimestamp.Format(TestCollections.DateAddedOf(6).AddTicks(-10));

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "added_after=" + justBefore);

        page.Ids.First().Should().Be(TestCollections.IdOf(6));
    }

    [Fact]
    public async Task GetObjects_AddedAfterWithOffset_IsComparedInUtc()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10));
        using var client = TaxiiHttp.CreateClient();

        // 14:00:05+02:00 is 12:00:05Z, the date_added of object 5 minus its 5 microseconds.
        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "added_after=" + Uri.EscapeDataString("2026-03-01T14:00:05+02:00"));

        page.Ids.First().Should().Be(TestCollections.IdOf(5));
    }

    [Fact]
    public async Task GetObjects_AddedAfterLastObject_ReturnsEmptyEnvelopeWithoutDateHeaders()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(4));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(server.GetObjectsUrl(TestCollections.CollectionId), "added_after=" + TestCollections.Timestamp(3)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"more":false}""");
        response.Headers.Contains("X-TAXII-Date-Added-First").Should().BeFalse();
        response.Headers.Contains("X-TAXII-Date-Added-Last").Should().BeFalse();
    }

    [Fact]
    public async Task GetObjects_AddedAfterWithLimit_PagesWithNextKeepingTheFilter()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(20));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var filter = "added_after=" + TestCollections.Timestamp(9);

        var first = await ObjectsPage.GetAsync(client, url, filter + "&limit=6");
        var second = await ObjectsPage.GetAsync(client, url, filter + "&limit=6&next=" + Uri.EscapeDataString(first.Next!));

        first.Ids.Should().Equal(Enumerable.Range(10, 6).Select(TestCollections.IdOf));
        second.Ids.Should().Equal(Enumerable.Range(16, 4).Select(TestCollections.IdOf));
        second.More.Should().BeFalse();
    }

    [Fact]
    public async Task GetObjects_MatchType_ReturnsOnlyThatType()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(12));
        using var client = TaxiiHttp.CreateClient();

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "match%5Btype%5D=ipv4-addr");

        page.Ids.Should().Equal(new[] { 2, 5, 8, 11 }.Select(TestCollections.IdOf));
        page.DateAddedFirst.Should().Be(TestCollections.Timestamp(2));
        page.DateAddedLast.Should().Be(TestCollections.Timestamp(11));
    }

    [Fact]
    public async Task GetObjects_MatchTypeWithSmallLimit_PagesOverSkippedObjects()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(12));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var first = await ObjectsPage.GetAsync(client, url, "match[type]=ipv4-addr&limit=3");
        var second = await ObjectsPage.GetAsync(client, url, "match[type]=ipv4-addr&limit=3&next=" + Uri.EscapeDataString(first.Next!));

        first.Ids.Should().Equal(new[] { 2, 5, 8 }.Select(TestCollections.IdOf));
        first.More.Should().BeTrue();
        second.Ids.Should().Equal(TestCollections.IdOf(11));
        second.More.Should().BeFalse();
    }

    [Fact]
    public async Task GetObjects_MatchTypeEndingOnLastMatch_DoesNotPromiseMore()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(11));
        using var client = TaxiiHttp.CreateClient();

        // The matches are 2, 5 and 8; objects 9 and 10 follow but do not match.
        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "match[type]=ipv4-addr&limit=3");

        page.Ids.Should().HaveCount(3);
        page.More.Should().BeFalse();
    }

    [Fact]
    public async Task GetObjects_MatchIdAndType_AreAnded()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(12));
        using var client = TaxiiHttp.CreateClient();
        var ids = string.Join(",", TestCollections.IdOf(1), TestCollections.IdOf(2), TestCollections.IdOf(5));

        var byId = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "match[id]=" + ids);
        var byIdAndType = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "match[id]=" + ids + "&match[type]=indicator");

        byId.Ids.Should().Equal(TestCollections.IdOf(1), TestCollections.IdOf(2), TestCollections.IdOf(5));
        byIdAndType.Ids.Should().Equal(TestCollections.IdOf(1));
    }

    [Fact]
    public async Task GetObjects_MatchVersionAndSpecVersion_FilterAsSpecified()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(6));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var all = await ObjectsPage.GetAsync(client, url, "match[version]=all");
        var exact = await ObjectsPage.GetAsync(client, url, "match[version]=2026-02-01T00:00:04.000Z");
        var spec20 = await ObjectsPage.GetAsync(client, url, "match[spec_version]=2.0");
        var spec21 = await ObjectsPage.GetAsync(client, url, "match[spec_version]=2.0,2.1");

        all.Ids.Should().HaveCount(6);
        exact.Ids.Should().Equal(TestCollections.IdOf(4));
        spec20.Ids.Should().BeEmpty();
        spec20.More.Should().BeFalse();
        spec21.Ids.Should().HaveCount(6);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-3")]
    [InlineData("limit=abc")]
    [InlineData("added_after=yesterday")]
    [InlineData("added_after=2026-03-01")]
    [InlineData("added_after=2026-03-01T12:00:00")]
    [InlineData("match[type]=indicator&match[type]=ipv4-addr")]
    [InlineData("next=not-a-cursor")]
    [InlineData("match[version]=sometimes")]
    public async Task GetObjects_MalformedParameter_Returns400WithErrorResource(string query)
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(3));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(server.GetObjectsUrl(TestCollections.CollectionId), query));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("http_status").GetString().Should().Be("400");
        body.RootElement.GetProperty("description").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetObjects_NextWithOtherFilters_Returns400()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var first = await ObjectsPage.GetAsync(client, url, "limit=3");

        using var response = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(url, "limit=3&added_after=" + TestCollections.Timestamp(5) + "&next=" + Uri.EscapeDataString(first.Next!)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetObjects_SameNextTwice_ReturnsTheSamePage()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10));
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var first = await ObjectsPage.GetAsync(client, url, "limit=3");

        var again = await ObjectsPage.GetAsync(client, url, "limit=3&next=" + Uri.EscapeDataString(first.Next!));
        var retried = await ObjectsPage.GetAsync(client, url, "limit=3&next=" + Uri.EscapeDataString(first.Next!));

        retried.Ids.Should().Equal(again.Ids);
        again.Ids.Should().Equal(Enumerable.Range(3, 3).Select(TestCollections.IdOf));
    }

    [Fact]
    public async Task GetObjects_ObjectsAddedWhilePaging_AppearOnLaterPages()
    {
        var store = TestCollections.Create(4);
        await using var server = await ServerFactory.StartAsync(store);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var first = await ObjectsPage.GetAsync(client, url, "limit=4");
        first.More.Should().BeFalse();

        store.Add(TestCollections.CollectionId, System.Text.Encoding.UTF8.GetBytes(TestCollections.ObjectJson(4)), TestCollections.DateAddedOf(4));
        var later = await ObjectsPage.GetAsync(client, url, "added_after=" + first.DateAddedLast);

        later.Ids.Should().Equal(TestCollections.IdOf(4));
    }

    [Fact]
    public async Task GetObjects_UnknownCollection_Returns404()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, server.GetObjectsUrl("e3b0c442-98fc-4c14-9afb-f4c8996fb924"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetObjects_CountsRequests_ForCallersThatCheckTraffic()
    {
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1));
        using var client = TaxiiHttp.CreateClient();

        (await TaxiiHttp.GetAsync(client, server.DiscoveryUrl)).Dispose();
        (await TaxiiHttp.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId))).Dispose();
        (await TaxiiHttp.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId))).Dispose();

        server.RequestCount.Should().Be(3);
        server.ObjectsRequestCount.Should().Be(2);
    }
}
