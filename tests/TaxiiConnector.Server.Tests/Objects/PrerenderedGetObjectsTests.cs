using System.Net;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Testing.Faults;
using TaxiiConnector.Testing.Generated;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Protocol;
using TaxiiConnector.Server.Storage;
using TaxiiConnector.Server.Tests.Support;
using TaxiiConnector.Testing.Prerendered;

namespace TaxiiConnector.Server.Tests.Objects;

/// <summary>
/// A pre-rendered collection is served byte for byte as the same collection generated per request: same bodies, same
/// TAXII headers, on every path (the fast path for plain pages, the streaming path for filters and faults).
/// </summary>
public sealed class PrerenderedGetObjectsTests
{
    private const long Objects = 2500;

    // Small chunks, so that pages span chunk boundaries.
    private const int ChunkBytes = 64 * 1024;

    private static readonly GeneratedCollectionOptions Options = new() { ObjectCount = Objects };

    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 5)]
    [InlineData(100, 30)]
    [InlineData(999, 5)]
    [InlineData(1000, 5)]
    public async Task GetObjects_EveryPageByNext_IsIdenticalToTheGeneratedServer(int limit, int maxPages)
    {
        await using var servers = await ServerPair.StartAsync();

        var pages = await servers.CompareWalkAsync($"limit={limit}", maxPages);

        pages.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task GetObjects_FullWalk_DeliversEveryObjectOnceAndEndsWithoutNext()
    {
        await using var servers = await ServerPair.StartAsync();

        var pages = await servers.CompareWalkAsync("limit=1000", maxPages: 10);

        pages.Should().Be(3);
        servers.LastPage!.More.Should().BeFalse();
        servers.LastPage.Next.Should().BeNull();
        servers.LastPage.Ids.Should().HaveCount(500);
        servers.LastPage.DateAddedLast.Should().Be(TaxiiTimestamp.Format(new GeneratedTaxiiObjectStore(Options).GetDateAdded(Objects - 1)));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1234, 1000)]
    [InlineData(2497, 1000)]
    [InlineData(2499, 10)]
    public async Task GetObjects_AddedAfter_IsIdenticalToTheGeneratedServer(long afterIndex, int limit)
    {
        await using var servers = await ServerPair.StartAsync();
        var addedAfter = TaxiiTimestamp.Format(new GeneratedTaxiiObjectStore(Options).GetDateAdded(afterIndex));

        var pages = await servers.CompareWalkAsync($"added_after={Uri.EscapeDataString(addedAfter)}&limit={limit}", maxPages: 4);

        pages.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("match[type]=report&limit=50")]
    [InlineData("match[type]=indicator,relationship&limit=300")]
    [InlineData("match[spec_version]=2.0")]
    [InlineData("match[spec_version]=2.1&limit=500")]
    [InlineData("match[version]=all&limit=500")]
    public async Task GetObjects_Filters_AreIdenticalToTheGeneratedServer(string query)
    {
        await using var servers = await ServerPair.StartAsync();

        var pages = await servers.CompareWalkAsync(query, maxPages: 3);

        pages.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task GetObjects_FastPath_SendsAContentLengthInsteadOfChunks()
    {
        await using var servers = await ServerPair.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await TaxiiHttp.GetAsync(client, TaxiiHttp.WithQuery(servers.Prerendered.GetObjectsUrl(Options.CollectionId), "limit=1000"));
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(body.Length);
        response.Headers.TransferEncodingChunked.Should().NotBe(true);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("repeat")]
    [InlineData("more-without-next")]
    [InlineData("truncated")]
    public async Task GetObjects_BodyFaultOnPageTwo_IsIdenticalToTheGeneratedServer(string fault)
    {
        TaxiiFault Fault() => fault switch
        {
            "invalid" => TaxiiFault.InvalidObject(position: 3),
            "repeat" => TaxiiFault.RepeatPage(),
            "more-without-next" => TaxiiFault.MoreWithoutNext(),
            _ => TaxiiFault.TruncatedJson(0.4),
        };
        await using var servers = await ServerPair.StartAsync(new ScriptedFaultPlan().OnPage(2, Fault()), new ScriptedFaultPlan().OnPage(2, Fault()));

        var first = await servers.CompareAsync("limit=100");
        var second = await servers.CompareAsync("limit=100&next=" + Uri.EscapeDataString(first.Next!));

        second.RawBody.Should().NotBeEmpty();
    }

    /// <summary>The same collection on two servers: generated per request, and pre-rendered.</summary>
    private sealed class ServerPair : IAsyncDisposable
    {
        private readonly HttpClient _client = TaxiiHttp.CreateClient();

        private ServerPair(TaxiiServerHost generated, TaxiiServerHost prerendered)
        {
            Generated = generated;
            Prerendered = prerendered;
        }

        public TaxiiServerHost Generated { get; }

        public TaxiiServerHost Prerendered { get; }

        public ObjectsPage? LastPage { get; private set; }

        public static async Task<ServerPair> StartAsync(IFaultPlan? generatedFaults = null, IFaultPlan? prerenderedFaults = null)
        {
            var outcome = PrerenderedTaxiiObjectStore.Create(new GeneratedTaxiiObjectStore(Options), long.MaxValue, parallelism: 2, ChunkBytes, CancellationToken.None);
            outcome.Prerendered.Should().BeTrue();
            var generated = await ServerFactory.StartAsync(new GeneratedTaxiiObjectStore(Options), generatedFaults);
            var prerendered = await ServerFactory.StartAsync(outcome.Store, prerenderedFaults);
            return new ServerPair(generated, prerendered);
        }

        /// <summary>Follows <c>next</c> from <paramref name="query"/> for up to <paramref name="maxPages"/> pages, comparing each.</summary>
        public async Task<int> CompareWalkAsync(string query, int maxPages)
        {
            var pages = 0;
            var next = (string?)null;
            do
            {
                var page = await CompareAsync(next is null ? query : query + "&next=" + Uri.EscapeDataString(next));
                pages++;
                next = page.More == true ? page.Next : null;
            }
            while (next is not null && pages < maxPages);

            return pages;
        }

        public async Task<ObjectsPage> CompareAsync(string query)
        {
            var (expected, expectedHeaders) = await GetAsync(Generated, query);
            var (actual, actualHeaders) = await GetAsync(Prerendered, query);

            actual.RawBody.Should().Be(expected.RawBody, "the query was {0}", query);
            actualHeaders.Should().Equal(expectedHeaders, "the query was {0}", query);
            LastPage = actual;
            return actual;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await Generated.DisposeAsync();
            await Prerendered.DisposeAsync();
        }

        private async Task<(ObjectsPage Page, string?[] Headers)> GetAsync(TaxiiServerHost server, string query)
        {
            using var response = await TaxiiHttp.GetAsync(_client, TaxiiHttp.WithQuery(server.GetObjectsUrl(Options.CollectionId), query));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            string?[] headers =
            [
                TaxiiHttp.ContentType(response),
                TaxiiHttp.Header(response, "X-TAXII-Date-Added-First"),
                TaxiiHttp.Header(response, "X-TAXII-Date-Added-Last"),
            ];
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException)
            {
                body = "<read failed>";
            }

            if (body.StartsWith('{') && body.EndsWith('}'))
            {
                using var reread = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body) };
                foreach (var header in response.Headers)
                {
                    reread.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                return (await ObjectsPage.ReadAsync(reread), headers);
            }

            return (new ObjectsPage(null, null, [], headers[1], headers[2], body), headers);
        }
    }
}
