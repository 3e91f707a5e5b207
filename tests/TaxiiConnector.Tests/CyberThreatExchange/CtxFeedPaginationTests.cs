using System.Globalization;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Sources.CyberThreatExchange;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary>
/// <c>GET v1/feeds/{id}/objects/</c>: the three pagination styles of the reference, the loop guards and the cursor
/// each page commits. Every request is asserted exactly (path, query, API-KEY header).
/// </summary>
public sealed class CtxFeedPaginationTests : IDisposable
{
    private const string ObjectsPath = "/v1/feeds/feed-1/objects/";
    private readonly CtxTestHost _host;

    public CtxFeedPaginationTests()
    {
        _host = new CtxTestHost();
        _host.Server
            .Given(Request.Create().WithPath("/v1/subscriptions/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"))));
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ReadPagesAsync_NextCursor_SendsItBackAsAddedAfterAndCommitsIt()
    {
        GivenObjects(null, CtxTestHost.Objects("cursor-1", "indicator--00000000-0000-4000-8000-000000000001"));
        GivenObjects("cursor-1", CtxTestHost.Objects("cursor-2", "indicator--00000000-0000-4000-8000-000000000002"));
        GivenObjects("cursor-2", CtxTestHost.Objects(null, "indicator--00000000-0000-4000-8000-000000000003"));
        var collection = await _host.SingleFeedAsync();
        var before = DateTimeOffset.UtcNow;

        var pages = await _host.ReadAllAsync(collection, null);

        var after = DateTimeOffset.UtcNow;
        pages.Select(p => p.Ids.Single()[^1..]).Should().Equal("1", "2", "3");
        pages.Take(2).Select(p => p.Cursor).Should().Equal("cursor-1", "cursor-2");

        // The last page commits the run mark: the server's Date of the first page (Kestrel stamps the real clock, in
        // whole seconds), less a minute of overlap; never the fake local clock.
        var runMark = DateTimeOffset.ParseExact(pages[2].Cursor, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        runMark.Should().BeOnOrAfter(before.AddSeconds(-62)).And.BeOnOrBefore(after.AddSeconds(-59));
        ObjectRequests().Should().Equal(
            ObjectsPath + "?page_size=200",
            ObjectsPath + "?page_size=200&added_after=cursor-1",
            ObjectsPath + "?page_size=200&added_after=cursor-2");
        AssertEveryRequestCarriesTheKey();
    }

    [Fact]
    public async Task ReadPagesAsync_AbsoluteNextUrlOnApiHost_FollowsItAsIs()
    {
        var next = _host.Server.Url + ObjectsPath + "?page=2&page_size=200";
        GivenObjects(null, CtxTestHost.Objects(next, "indicator--00000000-0000-4000-8000-000000000001"));
        _host.Server
            .Given(Request.Create().WithPath(ObjectsPath).WithParam("page", "2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Objects(null, "indicator--00000000-0000-4000-8000-000000000002")));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), "2026-11-01T00:00:00.000000Z");

        pages.Should().HaveCount(2);
        ObjectRequests().Should().Equal(
            ObjectsPath + "?page_size=200&added_after=2026-11-01T00%3A00%3A00.000000Z",
            ObjectsPath + "?page=2&page_size=200");
        AssertEveryRequestCarriesTheKey();

        // The URL names no added_after, so page 1 cannot be resumed mid-way: it commits where the run started.
        pages[0].Cursor.Should().Be("2026-11-01T00:00:00.000000Z");
    }

    [Fact]
    public async Task ReadPagesAsync_AbsoluteNextUrlCarryingAddedAfter_CommitsThatValue()
    {
        var next = _host.Server.Url + ObjectsPath + "?page_size=200&added_after=2026-11-02T08%3A00%3A00.000000Z";
        GivenObjects(null, CtxTestHost.Objects(next, "indicator--00000000-0000-4000-8000-000000000001"));
        GivenObjects("2026-11-02T08:00:00.000000Z", CtxTestHost.Objects(null, "indicator--00000000-0000-4000-8000-000000000002"));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), null);

        pages.Should().HaveCount(2);
        pages[0].Cursor.Should().Be("2026-11-02T08:00:00.000000Z");
        ObjectRequests().Should().Equal(
            ObjectsPath + "?page_size=200",
            ObjectsPath + "?page_size=200&added_after=2026-11-02T08%3A00%3A00.000000Z");
    }

    [Fact]
    public async Task ReadPagesAsync_HttpNextUrlOnTheHttpsApiHost_IsFollowedOnTheConfiguredScheme()
    {
        // The rebasing itself, without a TLS server: the configured origin is http://127.0.0.1:port, the link names
        // the same host on another port and scheme, as a gateway behind TLS termination would.
        var next = "https://127.0.0.1:1" + ObjectsPath + "?page=2&page_size=200";
        GivenObjects(null, CtxTestHost.Objects(next, "indicator--00000000-0000-4000-8000-000000000001"));
        _host.Server
            .Given(Request.Create().WithPath(ObjectsPath).WithParam("page", "2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Objects(null, "indicator--00000000-0000-4000-8000-000000000002")));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), null);

        pages.Should().HaveCount(2);
        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200", ObjectsPath + "?page=2&page_size=200");
        AssertEveryRequestCarriesTheKey();
    }

    [Fact]
    public async Task ReadPagesAsync_AbsoluteNextUrlOnAnotherHost_StopsWithoutSendingTheKeyThere()
    {
        GivenObjects(null, CtxTestHost.Objects("https://collector.invalid/v1/feeds/feed-1/objects/?page=2", "indicator--00000000-0000-4000-8000-000000000001"));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), null);

        pages.Should().ContainSingle();
        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200");
        StopLines().Should().ContainSingle().Which.Message.Should().Contain("collector.invalid").And.Contain("not followed");
    }

    [Fact]
    public async Task ReadPagesAsync_PageNumbers_RequestsNextPageUntilTotalResultsCount()
    {
        GivenObjects(null, """{"page_size": 200, "page_number": 1, "page_results_count": 2, "total_results_count": 3, "objects": [{"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000001"}, {"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000002"}]}""");
        _host.Server
            .Given(Request.Create().WithPath(ObjectsPath).WithParam("page", "2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithBody("""{"page_size": 200, "page_number": 2, "page_results_count": 1, "total_results_count": 3, "objects": [{"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000003"}]}"""));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), "2026-11-01T00:00:00.000000Z");

        pages.SelectMany(p => p.Ids).Should().HaveCount(3);
        ObjectRequests().Should().Equal(
            ObjectsPath + "?page_size=200&added_after=2026-11-01T00%3A00%3A00.000000Z",
            ObjectsPath + "?page_size=200&added_after=2026-11-01T00%3A00%3A00.000000Z&page=2");
        pages[0].Cursor.Should().Be("2026-11-01T00:00:00.000000Z", "a page-number position cannot be resumed, the run's start can");
        pages[1].Cursor.Should().NotBe("2026-11-01T00:00:00.000000Z", "the last page commits the run mark");
    }

    [Fact]
    public async Task ReadPagesAsync_EmptyPageWhileTotalSaysMore_StopsWithOneLine()
    {
        GivenObjects(null, """{"page_number": 1, "total_results_count": 500, "objects": [{"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000001"}]}""");
        _host.Server
            .Given(Request.Create().WithPath(ObjectsPath).WithParam("page", "2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"page_number": 2, "total_results_count": 500, "objects": []}"""));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), "c0");

        pages.Should().ContainSingle().Which.Cursor.Should().Be("c0");
        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200&added_after=c0", ObjectsPath + "?page_size=200&added_after=c0&page=2");
        StopLines().Should().ContainSingle().Which.Message.Should().Contain("page 2 is empty");
    }

    [Fact]
    public async Task ReadPagesAsync_EmptyFirstPage_EndsQuietlyAndCommitsNothing()
    {
        GivenObjects(null, CtxTestHost.Objects(null));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), "c0");

        pages.Should().BeEmpty();
        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200&added_after=c0");
        StopLines().Should().BeEmpty();
    }

    [Fact]
    public async Task ReadPagesAsync_CursorDoesNotAdvance_StopsWithOneErrorLine()
    {
        GivenObjects(null, CtxTestHost.Objects("same-cursor", "indicator--00000000-0000-4000-8000-000000000001"));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), "same-cursor");

        pages.Should().ContainSingle().Which.Cursor.Should().Be("same-cursor");
        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200&added_after=same-cursor");
        var line = StopLines().Should().ContainSingle().Subject;
        line.Level.Should().Be(LogLevel.Error);
        line.Message.Should().Contain("does not advance").And.Contain("feed feed-1");
    }

    [Fact]
    public async Task ReadPagesAsync_SameNextUrlAgain_StopsWithOneErrorLine()
    {
        var self = _host.Server.Url + ObjectsPath + "?page=2&page_size=200";
        GivenObjects(null, CtxTestHost.Objects(self, "indicator--00000000-0000-4000-8000-000000000001"));
        _host.Server
            .Given(Request.Create().WithPath(ObjectsPath).WithParam("page", "2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Objects(self, "indicator--00000000-0000-4000-8000-000000000002")));

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), null);

        pages.Should().HaveCount(2);
        ObjectRequests().Should().HaveCount(2);
        StopLines().Should().ContainSingle().Which.Message.Should().Contain("repeats the URL");
    }

    [Fact]
    public async Task ReadPagesAsync_MorePagesThanMaxPages_StopsAtTheCapAndCommitsTheLastCursor()
    {
        using var host = new CtxTestHost(options => options.MaxPages = 2);
        host.Server
            .Given(Request.Create().WithPath("/v1/subscriptions/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"))));
        for (var i = 0; i < 5; i++)
        {
            var request = Request.Create().WithPath(ObjectsPath).UsingGet();
            if (i > 0)
                request = request.WithParam("added_after", $"c{i}");
            host.Server.Given(request).AtPriority(i == 0 ? 10 : 1)
                .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Objects($"c{i + 1}", $"indicator--00000000-0000-4000-8000-00000000000{i}")));
        }

        var pages = await host.ReadAllAsync(await host.SingleFeedAsync(), null);

        pages.Select(p => p.Cursor).Should().Equal("c1", "c2");
        host.Requests.Count(r => r.RequestMessage.Path == ObjectsPath).Should().Be(2);
        host.Logs.Entries.Should().ContainSingle(e => e.EventName == "CtxListingStopped").Which.Message.Should().Contain("max_pages");
    }

    [Fact]
    public async Task ReadPagesAsync_CommittedCursor_ResumesWithExactlyThatAddedAfter()
    {
        const string committed = "2026-11-20T10:15:30.123456Z";
        GivenObjects(null, CtxTestHost.Objects(null, "indicator--00000000-0000-4000-8000-000000000001"));

        await _host.ReadAllAsync(await _host.SingleFeedAsync(), committed);

        var request = _host.Requests.Single(r => r.RequestMessage.Path == ObjectsPath).RequestMessage;
        request.Query!["added_after"].Single().Should().Be(committed);
        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200&added_after=2026-11-20T10%3A15%3A30.123456Z");
    }

    [Fact]
    public async Task ReadPagesAsync_FirstRunWithInitialHistory_StartsThatManyHoursAgo()
    {
        using var host = new CtxTestHost(options => options.InitialHistoryHours = 24);
        host.Server
            .Given(Request.Create().WithPath("/v1/subscriptions/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"))));
        host.Server
            .Given(Request.Create().WithPath(ObjectsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Objects(null)));

        await host.ReadAllAsync(await host.SingleFeedAsync(), null);

        host.Requests.Single(r => r.RequestMessage.Path == ObjectsPath).RequestMessage.Query!["added_after"].Single()
            .Should().Be("2029-12-31T12:00:00.000000Z");
    }

    [Fact]
    public async Task ReadPagesAsync_FirstRunWithoutInitialHistory_ReadsTheWholeFeed()
    {
        GivenObjects(null, CtxTestHost.Objects(null, "indicator--00000000-0000-4000-8000-000000000001"));

        await _host.ReadAllAsync(await _host.SingleFeedAsync(), null);

        ObjectRequests().Should().Equal(ObjectsPath + "?page_size=200");
    }

    [Fact]
    public async Task ReadPagesAsync_NextIsNotAString_StopsWithOneErrorLine()
    {
        GivenObjects(null, """{"next": 2, "objects": [{"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000001"}]}""");

        var pages = await _host.ReadAllAsync(await _host.SingleFeedAsync(), null);

        pages.Should().ContainSingle();
        ObjectRequests().Should().ContainSingle();
        StopLines().Should().ContainSingle().Which.Message.Should().Contain("not a URL or cursor string");
    }

    [Fact]
    public async Task ReadPagesAsync_PageObjects_AreTheServersElementsUntouched()
    {
        GivenObjects(null, """{"next": null, "objects": [{"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000001", "x_custom": [1, {"a": "b"}]}]}""");
        var collection = await _host.SingleFeedAsync();

        await foreach (var page in collection.ReadPagesAsync(null, _host.Token))
        {
            using (page)
            {
                page.Number.Should().Be(1);
                page.Objects.Should().ContainSingle().Which.GetRawText().Should().Be("""{"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000001", "x_custom": [1, {"a": "b"}]}""");
            }
        }
    }

    private void GivenObjects(string? addedAfter, string body)
    {
        var request = Request.Create().WithPath(ObjectsPath).UsingGet();
        if (addedAfter is not null)
            request = request.WithParam("added_after", addedAfter);
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);
        _host.Server.Given(request).AtPriority(addedAfter is null ? 10 : 1).RespondWith(response);
    }

    private List<string> ObjectRequests() =>
        [.. _host.Requests.Where(r => r.RequestMessage.Path == ObjectsPath).Select(PathAndQuery)];

    private List<CapturedLog> StopLines() => [.. _host.Logs.Entries.Where(e => e.EventName == "CtxListingStopped")];

    private void AssertEveryRequestCarriesTheKey() =>
        _host.Requests.Should().AllSatisfy(r => r.RequestMessage.Headers!["API-KEY"].Should().Equal(CtxTestHost.ApiKey));

    internal static string PathAndQuery(ILogEntry entry) => new Uri(entry.RequestMessage.Url).PathAndQuery;
}
