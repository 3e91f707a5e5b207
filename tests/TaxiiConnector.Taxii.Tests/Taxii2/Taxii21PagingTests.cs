using System.Net;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class Taxii21PagingTests : IDisposable
{
    private const string CollectionId = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    private const string ObjectsPath = "/api1/collections/" + CollectionId + "/objects/";
    private readonly ClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private TaxiiCollection Collection(string id = CollectionId) =>
        new(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21, id, "Indicators", null, null, CanRead: true, CanWrite: false, []);

    private void Page(string path, string? queryNext, string? addedAfter, string body, string? dateAddedLast, int status = 200)
    {
        var request = Request.Create().WithPath(path).UsingGet();
        request = queryNext is null ? request.WithParam("next", WireMock.Matchers.MatchBehaviour.RejectOnMatch) : request.WithParam("next", queryNext);
        if (addedAfter is not null)
        {
            request = request.WithParam("added_after", addedAfter);
        }

        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", Stix.Taxii21).WithBody(body);
        if (dateAddedLast is not null)
        {
            response = response.WithHeader("X-TAXII-Date-Added-First", "2024-01-01T00:00:00.000000Z").WithHeader("X-TAXII-Date-Added-Last", dateAddedLast);
        }

        _harness.Server.Given(request).RespondWith(response);
    }

    private List<string> RequestedPathsAndQueries() =>
        _harness.Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => new Uri(e.RequestMessage.AbsoluteUrl).PathAndQuery).ToList();

    [Fact]
    public async Task GetObjectsAsync_ThreePagesWithNext_ReadsToEndWithOriginalFiltersAndLimit()
    {
        Page(ObjectsPath, null, "2024-01-01T00:00:00.000000Z", Stix.Envelope(true, "p2", Stix.Id(1), Stix.Id(2)), "2024-01-02T00:00:00.000001Z");
        Page(ObjectsPath, "p2", "2024-01-01T00:00:00.000000Z", Stix.Envelope(true, "p3", Stix.Id(3), Stix.Id(4)), "2024-01-02T00:00:00.000002Z");
        Page(ObjectsPath, "p3", "2024-01-01T00:00:00.000000Z", Stix.Envelope(null, null, Stix.Id(5)), "2024-01-02T00:00:00.000003Z");
        var query = new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00.000000Z", Limit = 2 }.WithMatch("type", "indicator", "malware");

        var pages = await _harness.ReadAllAsync(Collection(), query);

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2), Stix.Id(3), Stix.Id(4), Stix.Id(5));
        pages.Select(p => p.ResumeAddedAfter).Should().Equal("2024-01-02T00:00:00.000001Z", "2024-01-02T00:00:00.000002Z", "2024-01-02T00:00:00.000003Z");
        pages.Select(p => p.More).Should().Equal(true, true, false);
        const string Filters = "added_after=2024-01-01T00%3A00%3A00.000000Z&limit=2&match%5Btype%5D=indicator,malware";
        RequestedPathsAndQueries().Should().Equal(
            ObjectsPath + "?" + Filters,
            ObjectsPath + "?" + Filters + "&next=p2",
            ObjectsPath + "?" + Filters + "&next=p3");
        _harness.Server.LogEntries.Select(e => e.Header("Accept")!.Replace(" ", "", StringComparison.Ordinal)).Should().AllBe("application/taxii+json;version=2.1");
    }

    [Fact]
    public async Task GetObjectsAsync_MoreWithoutNext_ContinuesWithDateAddedLastSentBackExactly()
    {
        // An offset that medallion would not parse itself, to prove the value is echoed verbatim, not re-formatted.
        const string Last1 = "2024-02-03T04:05:06.123+00:00";
        Page(ObjectsPath, null, "2024-01-01T00:00:00.000000Z", Stix.Envelope(true, null, Stix.Id(1)), Last1);
        Page(ObjectsPath, null, Last1, Stix.Envelope(true, null, Stix.Id(2)), "2024-02-03T04:05:07Z");
        Page(ObjectsPath, null, "2024-02-03T04:05:07Z", Stix.Envelope(false, null, Stix.Id(3)), "2024-02-03T04:05:08Z");

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00.000000Z" });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2), Stix.Id(3));
        RequestedPathsAndQueries().Should().Equal(
            ObjectsPath + "?added_after=2024-01-01T00%3A00%3A00.000000Z",
            ObjectsPath + "?added_after=2024-02-03T04%3A05%3A06.123%2B00%3A00",
            ObjectsPath + "?added_after=2024-02-03T04%3A05%3A07Z");
        pages[^1].ResumeAddedAfter.Should().Be("2024-02-03T04:05:08Z");
    }

    [Fact]
    public async Task GetObjectsAsync_ServerServesSamePageForever_StopsWithPaginationErrorAfterYieldingFirstPage()
    {
        // Ignores next (OpenCTI #7789): every request gets page 1 again.
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21)
                .WithHeader("X-TAXII-Date-Added-Last", "2024-01-02T00:00:00.000000Z")
                .WithBody(Stix.Envelope(true, "again", Stix.Id(1), Stix.Id(2))));
        var pages = new List<PageSnapshot>();

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2 }, pages);

        var error = (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which;
        error.CollectionId.Should().Be(CollectionId);
        error.Server.Should().Be(new Uri(_harness.BaseUrl, "api1/"));
        error.Cursor.Should().Be("again");
        error.Message.Should().Contain(CollectionId).And.Contain("again");
        pages.Should().HaveCount(2);
        pages[0].Ids.Should().Equal(Stix.Id(1), Stix.Id(2));
        _harness.Server.LogEntries.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetObjectsAsync_SameNextValueOnEveryPageOfNewObjects_ReadsToTheEnd()
    {
        // Medallion keeps one cursor id for a whole paging session and hands out the following page on each call.
        const string Scenario = "medallion-session";
        var request = Request.Create().WithPath(ObjectsPath).UsingGet().WithParam("next", "session-1");
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).UsingGet().WithParam("next", WireMock.Matchers.MatchBehaviour.RejectOnMatch))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(true, "session-1", Stix.Id(1))));
        _harness.Server.Given(request).InScenario(Scenario).WillSetStateTo("p3")
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(true, "session-1", Stix.Id(2))));
        _harness.Server.Given(request).InScenario(Scenario).WhenStateIs("p3").WillSetStateTo("p4")
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(true, "session-1", Stix.Id(3))));
        _harness.Server.Given(request).InScenario(Scenario).WhenStateIs("p4")
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(false, null, Stix.Id(4))));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 1 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2), Stix.Id(3), Stix.Id(4));
        RequestedPathsAndQueries().Skip(1).Should().AllBe(ObjectsPath + "?limit=1&next=session-1");
    }

    [Fact]
    public async Task GetObjectsAsync_MoreAbsent_StopsAfterOnePageEvenWithNext()
    {
        Page(ObjectsPath, null, null, Stix.Envelope(null, "ignored", Stix.Id(1)), null);

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery());

        pages.Should().ContainSingle().Which.More.Should().BeFalse();
        _harness.Server.LogEntries.Should().ContainSingle();
        _harness.Logs.AllText.Should().Contain("next cursor without more=true");
    }

    [Fact]
    public async Task GetObjectsAsync_EmptyEnvelope_YieldsOneEmptyPageAndKeepsCursor()
    {
        Page(ObjectsPath, null, null, "{}", null);

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00.000000Z" });

        pages.Should().ContainSingle();
        pages[0].Ids.Should().BeEmpty();
        pages[0].ResumeAddedAfter.Should().Be("2024-01-01T00:00:00.000000Z");
        pages[0].NewestDateAdded.Should().BeNull();
    }

    [Fact]
    public async Task GetObjectsAsync_MoreWithoutNextAndDateAddedLastNotAdvancing_StopsWithPaginationError()
    {
        // An inclusive added_after server (connectors #7604): Date-Added-Last equals what was sent, so it would loop.
        Page(ObjectsPath, null, "2024-01-05T00:00:00.000000Z", Stix.Envelope(true, null, Stix.Id(1)), "2024-01-05T00:00:00.000000Z");
        var pages = new List<PageSnapshot>();

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { AddedAfter = "2024-01-05T00:00:00.000000Z" }, pages);

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Message.Should().Contain("would not advance");
        pages.Should().ContainSingle();
        _harness.Server.LogEntries.Should().ContainSingle();
    }

    [Fact]
    public async Task GetObjectsAsync_MoreWithoutNextOrDateAddedLast_StopsWithPaginationError()
    {
        Page(ObjectsPath, null, null, Stix.Envelope(true, null, Stix.Id(1)), null);

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery());

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Message.Should().Contain("no X-TAXII-Date-Added-Last");
    }

    [Fact]
    public async Task GetObjectsAsync_MorePagesThanMaxPages_StopsWithPaginationError()
    {
        for (var i = 1; i <= 5; i++)
        {
            Page(ObjectsPath, i == 1 ? null : "n" + i, null, Stix.Envelope(true, "n" + (i + 1), Stix.Id(i)), null);
        }

        var pages = new List<PageSnapshot>();
        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { MaxPages = 3 }, pages);

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Message.Should().Contain("more than 3 pages");
        pages.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetObjectsAsync_PayloadTooLarge_HalvesLimitAndAsksAgain()
    {
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).WithParam("limit", "100"))
            .RespondWith(Response.Create().WithStatusCode(413).WithHeader("Content-Type", Stix.Taxii21).WithBody("""{"title":"Payload too large"}"""));
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).WithParam("limit", "50"))
            .RespondWith(Response.Create().WithStatusCode(413));
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).WithParam("limit", "25"))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(false, null, Stix.Id(1))));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 100 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1));
        RequestedPathsAndQueries().Should().Equal(ObjectsPath + "?limit=100", ObjectsPath + "?limit=50", ObjectsPath + "?limit=25");
    }

    [Fact]
    public async Task GetObjectsAsync_NextRejectedAsExpired_ResumesFromDateAddedLastWithoutNext()
    {
        Page(ObjectsPath, null, null, Stix.Envelope(true, "expired", Stix.Id(1)), "2024-03-01T00:00:00.000001Z");
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).WithParam("next", "expired"))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", Stix.Taxii21)
                .WithBody("""{"title":"ProcessingError","description":"The server did not understand the request or filter parameters: params changed over subsequent transaction"}"""));
        Page(ObjectsPath, null, "2024-03-01T00:00:00.000001Z", Stix.Envelope(false, null, Stix.Id(2)), "2024-03-01T00:00:00.000002Z");

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 1 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2));
        RequestedPathsAndQueries().Should().Equal(
            ObjectsPath + "?limit=1",
            ObjectsPath + "?limit=1&next=expired",
            ObjectsPath + "?added_after=2024-03-01T00%3A00%3A00.000001Z&limit=1");
    }

    [Fact]
    public async Task GetObjectsAsync_SecondCollection_StartsWithFreshFilters()
    {
        const string Other = "2f3a4e7c-0d4e-4b9b-9c61-1c4e6e0a8f00";
        Page(ObjectsPath, null, "2024-01-01T00:00:00Z", Stix.Envelope(true, "a2", Stix.Id(1)), "2024-05-01T00:00:00Z");
        Page(ObjectsPath, "a2", "2024-01-01T00:00:00Z", Stix.Envelope(false, null, Stix.Id(2)), "2024-05-02T00:00:00Z");
        Page("/api1/collections/" + Other + "/objects/", null, "2024-01-01T00:00:00Z", Stix.Envelope(false, null, Stix.Id(3)), null);
        var query = new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00Z" };

        await _harness.ReadAllAsync(Collection(), query);
        var second = await _harness.ReadAllAsync(Collection(Other), query);

        second.SelectMany(p => p.Ids).Should().Equal(Stix.Id(3));
        RequestedPathsAndQueries()[^1].Should().Be("/api1/collections/" + Other + "/objects/?added_after=2024-01-01T00%3A00%3A00Z");
    }

    [Fact]
    public async Task GetObjectsAsync_DateAddedLastNotATimestamp_IsIgnoredAsCursorAndLoggedOnce()
    {
        Page(ObjectsPath, null, null, Stix.Envelope(false, null, Stix.Id(1)), "undefined");

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00Z" });

        pages[0].DateAddedLast.Should().Be("undefined");
        pages[0].ResumeAddedAfter.Should().Be("2024-01-01T00:00:00Z");
        _harness.Logs.Lines.Count(l => l.Text.Contains("'undefined'", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task GetObjectsAsync_CollectionNotReadable_FailsWithoutARequest()
    {
        var collection = Collection() with { CanRead = false };

        var read = () => _harness.ReadAllAsync(collection, new TaxiiObjectsQuery());

        (await read.Should().ThrowAsync<TaxiiException>()).Which.Message.Should().Contain("can_read: false");
        _harness.Server.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task GetObjectsAsync_Forbidden_SurfacesTaxiiErrorWithoutRetry()
    {
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath))
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", Stix.Taxii21)
                .WithBody("""{"title":"Forbidden","description":"The client does not have access to this collection"}"""));

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery());

        var error = (await read.Should().ThrowAsync<TaxiiRequestException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.ErrorTitle.Should().Be("Forbidden");
        error.ErrorDescription.Should().Be("The client does not have access to this collection");
        _harness.Server.LogEntries.Should().ContainSingle();
        _harness.Logs.AllText.Should().Contain("HTTP 403: Forbidden (The client does not have access to this collection)");
    }
    [Fact]
    public async Task GetObjectsAsync_OneEmptyPageWithMore_IsToleratedAndPagingGoesOn()
    {
        // Objects deleted between pages can legally leave an empty page with more=true.
        Page(ObjectsPath, null, null, Stix.Envelope(true, "n2", Stix.Id(1)), null);
        Page(ObjectsPath, "n2", null, Stix.Envelope(true, "n3"), null);
        Page(ObjectsPath, "n3", null, Stix.Envelope(false, null, Stix.Id(2)), null);

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery());

        pages.Select(p => p.Ids.Count).Should().Equal(1, 0, 1);
    }

    [Fact]
    public async Task GetObjectsAsync_TwoEmptyPagesWithMoreInARow_StopsWithPaginationError()
    {
        Page(ObjectsPath, null, null, Stix.Envelope(true, "n2", Stix.Id(1)), null);
        Page(ObjectsPath, "n2", null, Stix.Envelope(true, "n3"), null);
        Page(ObjectsPath, "n3", null, Stix.Envelope(true, "n4"), null);

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery());

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Message.Should().Contain("two empty pages");
        _harness.Server.LogEntries.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetObjectsAsync_InclusiveAddedAfterServerRepeatingTheBoundaryObject_ReadsToTheEnd()
    {
        // An inclusive server sends the last object of the previous page again; the newer objects make it progress.
        Page(ObjectsPath, null, "2024-01-01T00:00:00Z", Stix.Envelope(true, null, Stix.Id(1), Stix.Id(2)), "2024-01-01T00:00:02Z");
        Page(ObjectsPath, null, "2024-01-01T00:00:02Z", Stix.Envelope(true, null, Stix.Id(2), Stix.Id(3)), "2024-01-01T00:00:03Z");
        Page(ObjectsPath, null, "2024-01-01T00:00:03Z", Stix.Envelope(false, null, Stix.Id(3)), "2024-01-01T00:00:03Z");

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00Z" });

        pages.Should().HaveCount(3);
        pages.SelectMany(p => p.Ids).Distinct().Should().HaveCount(3);
        pages[^1].ResumeAddedAfter.Should().Be("2024-01-01T00:00:03Z");
    }

    [Fact]
    public async Task GetObjectsAsync_NewVersionOfAnObjectAlreadyRead_CountsAsNew()
    {
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).WithParam("next", WireMock.Matchers.MatchBehaviour.RejectOnMatch))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(
                System.Text.Json.JsonSerializer.Serialize(new { more = true, next = "v2", objects = new[] { Stix.Indicator(Stix.Id(1), "2024-01-01T00:00:00.000Z") } })));
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).WithParam("next", "v2"))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(
                System.Text.Json.JsonSerializer.Serialize(new { more = false, objects = new[] { Stix.Indicator(Stix.Id(1), "2024-02-01T00:00:00.000Z") } })));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery().WithMatch("version", "all"));

        pages.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetObjectsAsync_NextWithoutMoreAndCompatibilitySwitchOn_FollowsNextToTheEnd()
    {
        using var harness = new ClientHarness(o => o.FollowNextWithoutMore = true);
        var request = Request.Create().WithPath(ObjectsPath).UsingGet();
        harness.Server.Given(Request.Create().WithPath(ObjectsPath).UsingGet().WithParam("next", WireMock.Matchers.MatchBehaviour.RejectOnMatch))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(null, "n2", Stix.Id(1))));
        harness.Server.Given(request.WithParam("next", "n2"))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(null, null, Stix.Id(2))));
        var collection = new TaxiiCollection(new Uri(harness.BaseUrl, "api1/"), TaxiiVersion.V21, CollectionId, "C", null, null, true, false, []);

        var pages = await harness.ReadAllAsync(collection, new TaxiiObjectsQuery());

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2));
        pages[0].More.Should().BeTrue();
    }
}
