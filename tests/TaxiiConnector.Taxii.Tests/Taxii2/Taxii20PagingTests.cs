using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class Taxii20PagingTests : IDisposable
{
    private const string ObjectsPath = "/api1/collections/c20/objects/";
    private readonly ClientHarness _harness = new(o => o.Version = TaxiiVersion.V20);

    public void Dispose() => _harness.Dispose();

    private TaxiiCollection Collection() =>
        new(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V20, "c20", "Old feed", null, null, CanRead: true, CanWrite: false, []);

    private void Range(string range, int status, string? contentRange, params string[] ids)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", Stix.Stix20);
        if (contentRange is not null)
        {
            response = response.WithHeader("Content-Range", contentRange);
        }

        response = status is 200 or 206 ? response.WithBody(Stix.Bundle(ids)) : response.WithBody(string.Empty);
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).UsingGet().WithHeader("Range", range)).RespondWith(response);
    }

    private List<string?> RangesRequested() => _harness.Server.LogEntries.InOrder().Select(e => e.Header("Range")).ToList();

    [Fact]
    public async Task GetObjectsAsync_ThreeRangesWithTotal_ReadsToTheEndAndStops()
    {
        Range("items 0-1", 206, "items 0-1/5", Stix.Id(1), Stix.Id(2));
        Range("items 2-3", 206, "items 2-3/5", Stix.Id(3), Stix.Id(4));
        Range("items 4-5", 206, "items 4-4/5", Stix.Id(5));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2, AddedAfter = "2024-01-01T00:00:00Z" });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2), Stix.Id(3), Stix.Id(4), Stix.Id(5));
        pages.Select(p => p.More).Should().Equal(true, true, false);
        RangesRequested().Should().Equal("items 0-1", "items 2-3", "items 4-5");
        _harness.Server.LogEntries.Should().OnlyContain(e => new Uri(e.RequestMessage.AbsoluteUrl).PathAndQuery == ObjectsPath + "?added_after=2024-01-01T00%3A00%3A00Z");
    }

    [Fact]
    public async Task GetObjectsAsync_UnknownTotalThen416_EndsAtTheFirstUnsatisfiableRange()
    {
        Range("items 0-1", 206, "items 0-1/*", Stix.Id(1), Stix.Id(2));
        Range("items 2-3", 206, "items 2-3/*", Stix.Id(3), Stix.Id(4));
        Range("items 4-5", 206, "items 4-4/*", Stix.Id(5));
        Range("items 5-6", 416, "items */5");

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2 });

        pages.SelectMany(p => p.Ids).Should().HaveCount(5);
        RangesRequested().Should().Equal("items 0-1", "items 2-3", "items 4-5", "items 5-6");
    }

    [Fact]
    public async Task GetObjectsAsync_SpaceFormRejectedWith400_SwitchesToEqualsFormForTheRest()
    {
        // medallion >= 1.1.0 only accepts RFC 7233's items=a-b.
        Range("items 0-1", 400, null);
        Range("items=0-1", 206, "items 0-1/3", Stix.Id(1), Stix.Id(2));
        Range("items=2-3", 206, "items 2-2/3", Stix.Id(3));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2), Stix.Id(3));
        RangesRequested().Should().Equal("items 0-1", "items=0-1", "items=2-3");
    }

    [Fact]
    public async Task GetObjectsAsync_OffByOneServer_AdvancesByObjectsReceivedNotByRangeAsked()
    {
        // medallion 1.1.0 answers [a, b) but claims a-b: advancing by the count received loses nothing.
        Range("items 0-1", 206, "items 0-1/3", Stix.Id(1));
        Range("items 1-2", 206, "items 1-2/3", Stix.Id(2));
        Range("items 2-3", 206, "items 2-3/3", Stix.Id(3));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2), Stix.Id(3));
    }

    [Fact]
    public async Task GetObjectsAsync_ServerIgnoresRangeAndAnswers200_ReadsOnce()
    {
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Stix.Bundle(Stix.Id(1), Stix.Id(2), Stix.Id(3))));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2 });

        pages.Should().ContainSingle().Which.Ids.Should().HaveCount(3);
        _harness.Server.LogEntries.Should().ContainSingle();
    }

    [Fact]
    public async Task GetObjectsAsync_MissingContentRangeAndRepeatedContent_StopsWithPaginationError()
    {
        // taxii2-client #117: no Content-Range, and the server repeats itself; the content guard ends it.
        _harness.Server.Given(Request.Create().WithPath(ObjectsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(206).WithHeader("Content-Type", Stix.Stix20).WithBody(Stix.Bundle(Stix.Id(1), Stix.Id(2))));

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 2 });

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Cursor.Should().Be("items 2-3");
        _harness.Server.LogEntries.Should().HaveCount(2);
    }
}
