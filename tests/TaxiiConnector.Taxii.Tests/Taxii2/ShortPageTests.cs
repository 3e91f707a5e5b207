using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

/// <summary>
/// Pages that come back shorter than the server says the result is, and the 2.0 Range form learned once per server.
/// The 2.0 exchanges are medallion 1.1.0's: oasis-open/cti-taxii-server medallion/views/objects.py answers every
/// range request with 206 and, when the page holds no object, <c>Content-Range: items {start}-{start}/{total}</c>
/// ("if len(objects) == 0: end_index = start_index"); with its memory backend's off-by-one, <c>Range: items=0-0</c>
/// yields <c>"objects": []</c> with <c>items 0-0/2</c> (/work/shared/reference/taxii2.md §8).
/// </summary>
public sealed class ShortPageTests : IDisposable
{
    private const string Path20 = "/api1/collections/c20/objects/";
    private const string Path21 = "/api1/collections/c21/objects/";
    private readonly ClientHarness _harness = new(o => o.Version = TaxiiVersion.V20);

    public void Dispose() => _harness.Dispose();

    private TaxiiCollection Collection20() =>
        new(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V20, "c20", "Old feed", null, null, CanRead: true, CanWrite: false, []);

    private TaxiiCollection Collection21() =>
        new(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21, "c21", "New feed", null, null, CanRead: true, CanWrite: false, []);

    private void Range(string range, int status, string? contentRange, params string[] ids)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", Stix.Stix20)
            .WithHeader("X-TAXII-Date-Added-Last", "2030-01-01T00:00:00.000Z");
        if (contentRange is not null)
        {
            response = response.WithHeader("Content-Range", contentRange);
        }

        response = status is 200 or 206 ? response.WithBody(Stix.Bundle(ids)) : response.WithBody(string.Empty);
        _harness.Server.Given(Request.Create().WithPath(Path20).UsingGet().WithHeader("Range", range)).RespondWith(response);
    }

    private List<string?> RangesRequested() => _harness.Server.LogEntries.InOrder().Select(e => e.Header("Range")).ToList();

    [Fact]
    public async Task Taxii20_EmptyPageWhileContentRangeSaysMore_AsksAgainWiderAndReadsEverything()
    {
        // medallion 1.1.0: items=N-N is empty but claims the item; items=a-b returns [a, b).
        Range("items=0-0", 206, "items 0-0/2");
        Range("items=0-1", 206, "items 0-1/2", Stix.Id(1));
        Range("items=1-2", 206, "items 1-2/2", Stix.Id(2));
        LearnEqualsForm();

        var pages = await _harness.ReadAllAsync(Collection20(), new TaxiiObjectsQuery { Limit = 1 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2));
        RangesRequested().Should().Equal("items=0-0", "items=0-1", "items=1-2");
    }

    [Fact]
    public async Task Taxii20_EmptyPageEvenWhenWidened_FailsTheCollectionWithoutYieldingItsCursor()
    {
        Range("items=0-0", 206, "items 0-0/2");
        Range("items=0-1", 206, "items 0-0/2");
        LearnEqualsForm();
        var pages = new List<PageSnapshot>();

        var read = () => _harness.ReadAllAsync(Collection20(), new TaxiiObjectsQuery { Limit = 1, AddedAfter = "2024-01-01T00:00:00.000Z" }, pages);

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Message.Should().Contain("items 0-0/2").And.Contain("cursor is not moved");
        // Not a single page (the empty one carried X-TAXII-Date-Added-Last 2030): nothing a caller could commit past the two items.
        pages.Should().BeEmpty();
    }

    [Fact]
    public async Task Taxii20_RangeForm_IsLearnedOncePerServerAndSaidOnce()
    {
        Range("items 0-1", 400, null);
        Range("items=0-1", 206, "items 0-0/1", Stix.Id(1));

        await _harness.ReadAllAsync(Collection20(), new TaxiiObjectsQuery { Limit = 2 });
        await _harness.ReadAllAsync(Collection20(), new TaxiiObjectsQuery { Limit = 2 });
        // A new client (one per run in the connector) from the same container keeps what was learned.
        var second = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Taxii2Client>(_harness.Services);
        await _harness.RunAsync(async () =>
        {
            await foreach (var page in second.GetObjectsAsync(Collection20(), new TaxiiObjectsQuery { Limit = 2 }))
            {
                page.Dispose();
            }

            return 0;
        });

        RangesRequested().Should().Equal("items 0-1", "items=0-1", "items=0-1", "items=0-1");
        _harness.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information && l.Text.Contains("Range", StringComparison.Ordinal))
            .Should().ContainSingle().Which.Text.Should().Contain("items=a-b").And.Contain("127.0.0.1");
    }

    [Fact]
    public async Task Taxii21_MoreTrueWithoutObjectsOrNext_FailsLoudlyWithoutYieldingThePage()
    {
        // TAXII 2.1 §3.6: more=true promises another page, reachable only through next. Here the header would have
        // moved added_after to 2030, past everything the server still holds.
        _harness.Server.Given(Request.Create().WithPath(Path21).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithHeader("X-TAXII-Date-Added-Last", "2030-01-01T00:00:00.000Z")
                .WithBody(Stix.Envelope(more: true, next: null)));
        var pages = new List<PageSnapshot>();

        var read = () => _harness.ReadAllAsync(Collection21(), new TaxiiObjectsQuery { AddedAfter = "2024-01-01T00:00:00.000Z" }, pages);

        (await read.Should().ThrowAsync<TaxiiPaginationException>()).Which.Message.Should().Contain("more=true").And.Contain("no next");
        pages.Should().BeEmpty();
    }

    /// <summary>Teaches the client the <c>items=</c> form first, as a run against medallion would have.</summary>
    private void LearnEqualsForm() =>
        _harness.Services.GetService(typeof(RangeFormMemory)).Should().BeOfType<RangeFormMemory>().Which.Remember(_harness.BaseUrl, equalsForm: true);
}
