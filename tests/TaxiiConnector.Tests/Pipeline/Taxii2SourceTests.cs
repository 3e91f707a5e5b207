using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Tests.Pipeline.Fakes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.Pipeline;

/// <summary>
/// The taxii2 source's cursor rules against spec-exact TAXII 2.1 exchanges: the first run asks for now − initial_history
/// (the connector's clock), every later run sends back the server's own <c>X-TAXII-Date-Added-Last</c> exactly as received.
/// </summary>
public sealed class Taxii2SourceTests : IDisposable
{
    private const string MediaType = "application/taxii+json;version=2.1";
    private const string CollectionId = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    private const string ServerDateAddedLast = "2026-03-10T09:15:02.123Z";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"], StartAdminInterface = false });
    private readonly FakeTimeProvider _time = new(Now);
    private readonly HttpClient _http = new();

    public Taxii2SourceTests()
    {
        Serve("/taxii2/", """{"title":"Test server","api_roots":["/api1/"]}""");
        Serve("/api1/", """{"title":"Root one","versions":["application/taxii+json;version=2.1"],"max_content_length":10485760}""");
        Serve("/api1/collections/", $$"""{"collections":[{"id":"{{CollectionId}}","title":"Indicators","can_read":true,"can_write":false,"media_types":["application/stix+json;version=2.1"]}]}""");
    }

    [Fact]
    public async Task ReadPagesAsync_FirstRun_AsksForInitialHistoryBeforeNowAndCommitsTheServersDateAddedLast()
    {
        ServeObjects("""{"more":false,"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-03-10T09:15:02.123Z","modified":"2026-03-10T09:15:02.123Z","pattern":"[domain-name:value = 'example.org']","pattern_type":"stix","valid_from":"2026-03-10T09:15:02.123Z"}]}""",
            dateAddedLast: ServerDateAddedLast);
        var collection = await SingleCollectionAsync(TimeSpan.FromHours(24));

        var pages = await ReadAsync(collection, committedCursor: null);

        ObjectRequests().Should().ContainSingle().Which.Should().Be("2026-03-09T12:00:00.000000Z");
        pages.Should().ContainSingle().Which.Should().Be((1, ServerDateAddedLast));
        collection.StateKey.Should().Be($"taxii2|{_server.Urls[0]}/api1/|{CollectionId}");
    }

    [Fact]
    public async Task ReadPagesAsync_LaterRun_SendsTheCommittedServerValueVerbatimWhateverTheClockSays()
    {
        ServeObjects("""{"more":false,"objects":[]}""", dateAddedLast: null);
        var collection = await SingleCollectionAsync(TimeSpan.FromHours(24));
        _time.Advance(TimeSpan.FromDays(30));

        var pages = await ReadAsync(collection, committedCursor: ServerDateAddedLast);

        ObjectRequests().Should().ContainSingle().Which.Should().Be(ServerDateAddedLast);
        pages.Should().BeEmpty("an empty answer that does not move the cursor is nothing to push or commit");
    }

    [Fact]
    public async Task ReadPagesAsync_FirstRunOnAnEmptyCollection_CommitsTheStartOfItsWindow()
    {
        ServeObjects("""{"more":false}""", dateAddedLast: null);
        var collection = await SingleCollectionAsync(TimeSpan.FromHours(48));

        var pages = await ReadAsync(collection, committedCursor: null);

        pages.Should().ContainSingle().Which.Should().Be((0, "2026-03-08T12:00:00.000000Z"),
            "the window start is remembered, so a later run never slides past data the server adds late");
    }

    [Fact]
    public async Task RunOnceAsync_TwoRunsDaysApart_TheSecondResumesFromTheServersValueNotTheLocalClock()
    {
        ServeObjects("""{"more":false,"objects":[{"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9c-feb398cd0061","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"Example","is_family":true}]}""",
            dateAddedLast: ServerDateAddedLast);
        var harness = new PipelineHarness { Time = _time };
        var source = new Taxii2Source(Client(), new Taxii2SourceOptions { DiscoveryUrl = new Uri(_server.Urls[0] + "/taxii2/"), InitialHistory = TimeSpan.FromHours(24) }, _time, NullLogger<Taxii2Source>.Instance);
        var runner = harness.CreateRunner(source);

        await runner.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(5));
        await runner.RunOnceAsync(CancellationToken.None);

        ObjectRequests().Should().Equal("2026-03-09T12:00:00.000000Z", ServerDateAddedLast);
        harness.State.Commits.Should().ContainSingle().Which.Cursor.Should().Be(ServerDateAddedLast);
    }

    [Fact]
    public async Task ReadPagesAsync_TieAcrossThePageBoundary_CommitsOneUnitBeforeTheLastDateAddedSoACrashSkipsNothing()
    {
        const string pageOneLast = "2026-03-10T09:15:02.123Z";
        const string pageTwoLast = "2026-03-10T09:20:00.000Z";
        ServeTwoPages(pageOneLast, pageTwoFirst: pageOneLast, pageTwoLast);
        var collection = await SingleCollectionAsync(TimeSpan.FromHours(24));

        var pages = await ReadAsync(collection, committedCursor: null);

        pages.Should().Equal((1, "2026-03-10T09:15:02.122000Z"), (1, pageTwoLast));
    }

    [Fact]
    public async Task ReadPagesAsync_NextPageStartsLater_CommitsTheServersValueExactly()
    {
        const string pageOneLast = "2026-03-10T09:15:02.123Z";
        const string pageTwoFirst = "2026-03-10T09:16:00.000Z";
        ServeTwoPages(pageOneLast, pageTwoFirst, pageTwoLast: pageTwoFirst);
        var collection = await SingleCollectionAsync(TimeSpan.FromHours(24));

        var pages = await ReadAsync(collection, committedCursor: null);

        pages.Should().Equal((1, pageOneLast), (1, pageTwoFirst));
    }

    [Theory]
    [InlineData("2026-03-10T09:15:02Z", "2026-03-10T09:15:01.000000Z")]
    [InlineData("2026-03-10T09:15:02.1Z", "2026-03-10T09:15:02.000000Z")]
    [InlineData("2026-03-10T09:15:02.123Z", "2026-03-10T09:15:02.122000Z")]
    [InlineData("2026-03-10T09:15:02.123456Z", "2026-03-10T09:15:02.123455Z")]
    [InlineData("2026-03-10T09:15:02.1234567Z", "2026-03-10T09:15:02.123455Z")]
    [InlineData("2026-03-10T00:00:00.000Z", "2026-03-09T23:59:59.999000Z")]
    public void TryStepBack_TimestampOfAnyPrecision_IsOneUnitOfThatPrecisionEarlier(string value, string expected)
    {
        TaxiiConnector.Taxii.Taxii2.Pagination.TaxiiTimestamp.TryStepBack(value, out var earlier).Should().BeTrue();
        earlier.Should().Be(expected);
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _http.Dispose();
    }

    [Theory]
    [InlineData("api1.Newcomer fed", "matches no collection", "api1.Indicators")]
    [InlineData("api1.Indicators,api1.Write only", "can_read: false", "api1.Indicators")]
    public async Task GetCollectionsAsync_EntrySelectsNothingReadable_ReadsTheRestThenFailsAsAConfigurationErrorNamingTheSetting(
        string setting, string expected, string choices)
    {
        // Issue 16: a typo in TAXII2_COLLECTIONS used to print nothing at the default level and exit 0.
        _server.Given(Request.Create().WithPath("/api1/collections/").UsingGet()).AtPriority(-1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType)
                .WithBody($$"""{"collections":[{"id":"{{CollectionId}}","title":"Indicators","can_read":true,"can_write":false},{"id":"0a0a0a0a-1111-4222-8333-444455556666","title":"Write only","can_read":false,"can_write":true}]}"""));
        var source = new Taxii2Source(Client(), new Taxii2SourceOptions { DiscoveryUrl = new Uri(_server.Urls[0] + "/taxii2/"), Collections = setting.Split(',') },
            _time, NullLogger<Taxii2Source>.Instance);
        var collections = new List<ISourceCollection>();

        var act = async () =>
        {
            await foreach (var collection in source.GetCollectionsAsync(CancellationToken.None))
            {
                collections.Add(collection);
            }
        };

        (await act.Should().ThrowAsync<SourceConfigurationException>()).Which.Message
            .Should().Contain("TAXII2_COLLECTIONS (taxii2.collections)").And.Contain(expected).And.Contain(choices).And.NotContain("\n");
        collections.Should().HaveCount(setting.Contains(',', StringComparison.Ordinal) ? 1 : 0);
    }

    private async Task<ISourceCollection> SingleCollectionAsync(TimeSpan initialHistory)
    {
        var source = new Taxii2Source(Client(), new Taxii2SourceOptions
        {
            DiscoveryUrl = new Uri(_server.Urls[0] + "/taxii2/"),
            InitialHistory = initialHistory,
        }, _time, NullLogger<Taxii2Source>.Instance);
        var collections = new List<ISourceCollection>();
        await foreach (var collection in source.GetCollectionsAsync(CancellationToken.None))
        {
            collections.Add(collection);
        }

        return collections.Should().ContainSingle().Subject;
    }

    private static async Task<List<(int Objects, string Cursor)>> ReadAsync(ISourceCollection collection, string? committedCursor)
    {
        var pages = new List<(int, string)>();
        await foreach (var page in collection.ReadPagesAsync(committedCursor, CancellationToken.None))
        {
            using (page)
            {
                pages.Add((page.Objects.Count, page.CursorAfter));
            }
        }

        return pages;
    }

    private Taxii2Client Client() =>
        new(_http, new Taxii2ClientOptions
        {
            Version = TaxiiVersion.V21, RetryBaseDelay = TimeSpan.Zero, MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(60),
            TotalTimeout = TimeSpan.FromMinutes(10), MaxResponseBytes = 1024 * 1024, MaxPages = 1000,
        }, _time, NullLogger<Taxii2Client>.Instance);

    private List<string?> ObjectRequests() =>
        [.. _server.LogEntries
            .Where(e => e.RequestMessage.Path.EndsWith("/objects/", StringComparison.Ordinal))
            .Select(e => e.RequestMessage.Query is { } query && query.TryGetValue("added_after", out var values) ? values.ToString() : null)];

    private void Serve(string path, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType).WithBody(body));

    /// <summary>Page one (more, next=page-2) ends at <paramref name="pageOneLast"/>; page two is the last page.</summary>
    private void ServeTwoPages(string pageOneLast, string pageTwoFirst, string pageTwoLast)
    {
        _server.Given(Request.Create().WithPath($"/api1/collections/{CollectionId}/objects/").WithParam("next", "page-2").UsingGet())
            .AtPriority(-1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType)
                .WithHeader("X-TAXII-Date-Added-First", pageTwoFirst).WithHeader("X-TAXII-Date-Added-Last", pageTwoLast)
                .WithBody("""{"more":false,"objects":[{"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9c-feb398cd0061","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"Two","is_family":true}]}"""));
        ServeObjects("""{"more":true,"next":"page-2","objects":[{"type":"malware","spec_version":"2.1","id":"malware--1c7b5b88-8ff7-4a4d-aa9c-feb398cd0061","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"One","is_family":true}]}""",
            dateAddedLast: pageOneLast);
    }

    private void ServeObjects(string envelope, string? dateAddedLast)
    {
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType).WithBody(envelope);
        if (dateAddedLast is not null)
        {
            response = response.WithHeader("X-TAXII-Date-Added-First", dateAddedLast).WithHeader("X-TAXII-Date-Added-Last", dateAddedLast);
        }

        _server.Given(Request.Create().WithPath($"/api1/collections/{CollectionId}/objects/").UsingGet()).RespondWith(response);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
