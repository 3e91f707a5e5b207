using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Pipeline;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Stix.Bundles;
using TaxiiConnector.Stix.Transform;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Tests.Pipeline.Fakes;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;

namespace TaxiiConnector.Tests.Sources.Taxii11;

public sealed class Taxii11SourceTests : IDisposable
{
    private const string Collection = "Example Org";
    private const string W1Begin = "2026-11-22T11:55:00.000Z";
    private const string W1End = "2026-11-23T11:55:00.000Z";
    private const string W2End = "2026-11-24T11:55:00.000Z";

    private readonly Taxii11TestServer _server = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetCollectionsAsync_DiscoveryAndStar_YieldsAvailableCollectionsWithTheirPollService()
    {
        var poll = _server.Url("/api/taxii/poll/");
        _server.Answer("/api/taxii/discovery/", "Discovery_Request", Taxii11TestServer.Discovery(poll, _server.Url("/api/taxii/collection-management/")));
        _server.Answer("/api/taxii/collection-management/", "Collection_Information_Request",
            Taxii11TestServer.Collections(poll, (Collection, true), ("Retired Source", false)));
        var source = CreateSource();

        var collections = await CollectAsync(source.GetCollectionsAsync(CancellationToken.None));

        var collection = collections.Should().ContainSingle().Subject;
        collection.DisplayName.Should().Be(Collection);
        collection.StateKey.Should().Be($"taxii11|{_server.Url("/api/taxii/discovery/")}|{Collection}");
        ((Taxii11SourceCollection)collection).PollUrl.Should().Be(poll);
        source.Name.Should().Be("taxii11");
    }

    [Fact]
    public async Task GetCollectionsAsync_NamedCollectionNotListed_IsNotPolledAndFailsAsAConfigurationErrorNamingTheSetting()
    {
        // Issue 16: a configured collection the server does not list is a configuration error, never a silent success.
        var poll = _server.Url("/api/taxii/poll/");
        _server.Answer("/api/taxii/discovery/", "Discovery_Request", Taxii11TestServer.Discovery(poll, _server.Url("/api/taxii/collection-management/")));
        _server.Answer("/api/taxii/collection-management/", "Collection_Information_Request", Taxii11TestServer.Collections(poll, (Collection, true)));
        var source = CreateSource(o => o.Collections = ["example org", "Missing Owner"]);
        var collections = new List<ISourceCollection>();

        var act = async () =>
        {
            await foreach (var collection in source.GetCollectionsAsync(CancellationToken.None))
            {
                collections.Add(collection);
            }
        };

        (await act.Should().ThrowAsync<SourceConfigurationException>()).Which.Message
            .Should().Contain("TAXII11_COLLECTIONS (taxii11.collections)").And.Contain("'Missing Owner'").And.Contain("Listed: " + Collection);
        collections.Select(c => c.DisplayName).Should().Equal(Collection);
    }

    [Fact]
    public async Task GetCollectionsAsync_StarButServerListsNoCollectionService_FailsWithConfigurationError()
    {
        _server.Answer("/api/taxii/discovery/", "Discovery_Request", $"""
            <taxii_11:Discovery_Response xmlns:taxii_11="{Taxii11TestServer.Ns}" message_id="1" in_response_to="1">
              <taxii_11:Service_Instance service_type="POLL" service_version="urn:taxii.mitre.org:services:1.1" available="true">
                <taxii_11:Protocol_Binding>urn:taxii.mitre.org:protocol:http:1.0</taxii_11:Protocol_Binding>
                <taxii_11:Address>{_server.Url("/poll/")}</taxii_11:Address>
                <taxii_11:Message_Binding>urn:taxii.mitre.org:message:xml:1.1</taxii_11:Message_Binding>
              </taxii_11:Service_Instance>
            </taxii_11:Discovery_Response>
            """);
        var source = CreateSource();

        var act = () => CollectAsync(source.GetCollectionsAsync(CancellationToken.None));

        var error = (await act.Should().ThrowAsync<Taxii1Exception>()).Which;
        error.Kind.Should().Be(Taxii1ErrorKind.Configuration);
        error.Message.Should().Contain("TAXII11_COLLECTIONS");
    }

    [Fact]
    public async Task ReadPagesAsync_FirstRun_PagesCarryTheWindowBeginUntilTheWindowsLastPage()
    {
        AnswerPoll(W1Begin, Taxii11TestServer.Poll(Collection, more: false, part: 1, "a.example", "b.example"));
        AnswerPoll(W1End, Taxii11TestServer.Poll(Collection, more: false, part: 1, "c.example"));
        var collection = await SingleCollectionAsync(o => o.PageSize = 4);

        var pages = await ReadAsync(collection, committedCursor: null);

        pages.Select(p => (p.Number, p.Objects, p.Cursor)).Should().Equal(
            (1, 4, W1Begin),
            (2, 4, W1Begin),
            (3, 0, W1End),
            (4, 4, W1End),
            (5, 0, W2End));
        var polls = PollWindows();
        polls.Should().Equal((W1Begin, W1End), (W1End, W2End));
    }

    [Fact]
    public async Task ReadPagesAsync_MultiPartWindow_OnlyTheLastPageMovesTheCheckpoint()
    {
        const string begin = "2026-11-24T06:00:00.000Z";
        AnswerPoll(begin, Taxii11TestServer.Poll(Collection, more: true, part: 1, "a.example"));
        _server.Answer("/poll/", "result_part_number=\"2\"", Taxii11TestServer.Poll(Collection, more: false, part: 2, "b.example"));
        var collection = await SingleCollectionAsync(o => o.PageSize = 1000);

        var pages = await ReadAsync(collection, begin);

        pages.Should().ContainSingle().Which.Should().Be((1, 7, W2End), "both parts' content is one page, committed with the window's end");
        PollWindows().Should().Equal((begin, W2End));
    }

    [Fact]
    public async Task ReadPagesAsync_PartCapReached_PushesWhatWasReadButKeepsTheCheckpoint()
    {
        const string begin = "2026-11-24T06:00:00.000Z";
        AnswerPoll(begin, Taxii11TestServer.Poll(Collection, more: true, part: 1, "a.example"));
        _server.Answer("/poll/", "Poll_Fulfillment", Taxii11TestServer.Poll(Collection, more: true, part: 2, "b.example"));
        var collection = await SingleCollectionAsync(o => o.MaxParts = 3);
        var pages = new List<(int, int, string)>();

        var act = async () =>
        {
            await foreach (var page in collection.ReadPagesAsync(begin, CancellationToken.None))
            {
                using (page)
                {
                    pages.Add((page.Number, page.Objects.Count, page.CursorAfter));
                }
            }
        };

        (await act.Should().ThrowAsync<Taxii1Exception>()).Which.Message.Should().Contain("TAXII11_MAX_PARTS").And.Contain(begin);
        pages.Should().NotBeEmpty().And.OnlyContain(p => p.Item3 == begin);
    }

    [Fact]
    public async Task ReadPagesAsync_SecondWindowUnauthorized_FirstWindowCommittedThenError()
    {
        AnswerPoll(W1Begin, Taxii11TestServer.Poll(Collection, more: false, part: 1, "a.example"));
        AnswerPoll(W1End, $"""<taxii_11:Status_Message xmlns:taxii_11="{Taxii11TestServer.Ns}" message_id="9" in_response_to="0" status_type="UNAUTHORIZED"/>""");
        var collection = await SingleCollectionAsync();
        var cursors = new List<string>();

        var act = async () =>
        {
            await foreach (var page in collection.ReadPagesAsync(null, CancellationToken.None))
            {
                using (page)
                {
                    cursors.Add(page.CursorAfter);
                }
            }
        };

        (await act.Should().ThrowAsync<Taxii1StatusException>()).Which.Kind.Should().Be(Taxii1ErrorKind.Authentication);
        cursors.Should().Equal(W1End);
    }

    [Fact]
    public async Task ReadPagesAsync_PushFailsMidWindow_NextRunRepollsOnlyThatWindowAndMissesNothing()
    {
        AnswerPoll(W1Begin, Taxii11TestServer.Poll(Collection, more: false, part: 1, "a.example", "b.example"));
        AnswerPoll(W1End, Taxii11TestServer.Poll(Collection, more: false, part: 1, "c.example", "d.example"));
        var collection = await SingleCollectionAsync(o => o.PageSize = 4);
        var delivered = new List<string>();
        string? committed = null;

        // The pipeline's rule: push the page, then commit its cursor. The sink fails on the page holding d.example.
        async Task RunAsync(string? failOn)
        {
            await foreach (var page in collection.ReadPagesAsync(committed, CancellationToken.None))
            {
                using (page)
                {
                    var domains = page.Objects.Where(o => o.GetProperty("type").GetString() == "domain-name").Select(o => o.GetProperty("value").GetString()!).ToList();
                    if (failOn is not null && domains.Contains(failOn))
                    {
                        throw new IOException("sink down");
                    }

                    delivered.AddRange(domains);
                    committed = page.CursorAfter;
                }
            }
        }

        var firstRun = () => RunAsync(failOn: "d.example");
        await firstRun.Should().ThrowAsync<IOException>();
        committed.Should().Be(W1End, "the failed window's first page carried the window's begin, not its end");

        await RunAsync(failOn: null);

        committed.Should().Be(W2End);
        delivered.Should().BeEquivalentTo(["a.example", "b.example", "c.example", "c.example", "d.example"], "at least once, and only the failed window again");
        PollWindows().Should().Equal((W1Begin, W1End), (W1End, W2End), (W1End, W2End));
    }

    [Fact]
    public async Task ReadPagesAsync_CheckpointAtTheLimit_ReadsNothing()
    {
        var collection = await SingleCollectionAsync();

        var pages = await ReadAsync(collection, W2End);

        pages.Should().BeEmpty();
        _server.Bodies.Should().NotContain(b => b.Contains("Poll_Request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadPagesAsync_ContentThatIsNotStix_CountedAsRejected()
    {
        const string begin = "2026-11-24T06:00:00.000Z";
        AnswerPoll(begin, $"""
            <taxii_11:Poll_Response xmlns:taxii_11="{Taxii11TestServer.Ns}" message_id="1" collection_name="{Collection}" more="false">
              <taxii_11:Content_Block><taxii_11:Content_Binding binding_id="text/plain"/><taxii_11:Content>just text</taxii_11:Content></taxii_11:Content_Block>
            </taxii_11:Poll_Response>
            """);
        var collection = await SingleCollectionAsync();

        await foreach (var page in collection.ReadPagesAsync(begin, CancellationToken.None))
        {
            using (page)
            {
                page.RejectedEntries.Should().Be(1);
                page.Objects.Should().BeEmpty();
                page.CursorAfter.Should().Be(W2End);
            }
        }
    }

    [Fact]
    public async Task ReadPagesAsync_CursorNotATimestamp_FailsClearly()
    {
        var collection = await SingleCollectionAsync();

        var act = () => ReadAsync(collection, "page-7");

        (await act.Should().ThrowAsync<Taxii1Exception>()).Which.Message.Should().Contain("page-7");
    }

    [Fact]
    public async Task RunOnceAsync_ThroughTheRealPipeline_WindowsAreConvertedTransformedPushedAndCommittedLikeTaxii2()
    {
        AnswerPoll(W1Begin, Taxii11TestServer.Poll(Collection, more: false, part: 1, "a.example", "b.example"));
        AnswerPoll(W1End, Taxii11TestServer.Poll(Collection, more: false, part: 1, "c.example"));
        var source = CreateSource(o =>
        {
            o.DiscoveryUrl = null;
            o.PollUrl = _server.Url("/poll/");
            o.Collections = [Collection];
        });
        var sink = new RecordingSink();
        var state = new InMemoryStateStore();
        var works = new RecordingWorkTracker();
        var options = Options.Create(new PipelineOptions());
        var bundler = new StixPageBundler(
            new StixBundleWriter(new StixBundleWriterOptions { MaxBundleBytes = (int)new TaxiiConnector.Configuration.Sections.ConnectorOptions().MaxBundleBytes }, NullLogger<StixBundleWriter>.Instance), NullLogger<StixTransformer>.Instance, _time);
        var pump = new CollectionPump(bundler, new BundlePusher(sink, options, _time, NullLogger<BundlePusher>.Instance), state, options, _time,
            NullLogger<CollectionPump>.Instance);
        var runner = new ConnectorRunner([source], pump, state, works, AlwaysAdmit.Instance, options, _time, NullLogger<ConnectorRunner>.Instance);

        var first = await runner.RunOnceAsync(CancellationToken.None);
        var pushedAfterFirst = sink.ObjectIds.Count;
        var second = await runner.RunOnceAsync(CancellationToken.None);

        first.Succeeded.Should().BeTrue();
        sink.ObjectIds.Where(id => id.StartsWith("indicator--", StringComparison.Ordinal)).Should().HaveCount(3).And.OnlyHaveUniqueItems();
        state.Commits.Select(c => c.Cursor).Should().EndWith(W2End, "each window's end is committed once its content was pushed");
        works.Completed.Should().HaveCount(2).And.OnlyContain(w => !w.InError);
        second.Succeeded.Should().BeTrue();
        sink.ObjectIds.Should().HaveCount(pushedAfterFirst, "the second run starts at the committed checkpoint, which is already at the limit");
        PollWindows().Should().Equal((W1Begin, W1End), (W1End, W2End));
    }

    private void AnswerPoll(string begin, string xml) =>
        _server.Answer("/poll/", $"<taxii_11:Exclusive_Begin_Timestamp>{begin}</taxii_11:Exclusive_Begin_Timestamp>", xml);

    private List<(string Begin, string End)> PollWindows() =>
        _server.Bodies
            .Where(b => b.Contains("Poll_Request", StringComparison.Ordinal))
            .Select(System.Xml.Linq.XElement.Parse)
            .Select(x => (
                x.Element(System.Xml.Linq.XName.Get("Exclusive_Begin_Timestamp", Taxii11TestServer.Ns))!.Value,
                x.Element(System.Xml.Linq.XName.Get("Inclusive_End_Timestamp", Taxii11TestServer.Ns))!.Value))
            .ToList();

    private Taxii11Source CreateSource(Action<Taxii11Options>? configure = null)
    {
        var options = new Taxii11Options
        {
            DiscoveryUrl = _server.Url("/api/taxii/discovery/"),
            InitialHistory = TimeSpan.FromHours(48),
            MaxWindow = TimeSpan.FromHours(24),
            SafetyLag = TimeSpan.FromMinutes(5),
        };
        configure?.Invoke(options);
        var clientOptions = new Taxii1ClientOptions();
        new MappedOptionsSetup<Taxii11Options, Taxii1ClientOptions>(options).Configure(clientOptions);
        var client = new Taxii1Client(new HttpClient(), Options.Create(clientOptions), _time, NullLogger<Taxii1Client>.Instance);
        return new Taxii11Source(client, options, StixTransformerOptionsSetup.Create(Taxii11Options.SectionName, options.Transform), _time, NullLogger<Taxii11Source>.Instance);
    }

    private async Task<ISourceCollection> SingleCollectionAsync(Action<Taxii11Options>? configure = null)
    {
        var source = CreateSource(o =>
        {
            o.DiscoveryUrl = null;
            o.PollUrl = _server.Url("/poll/");
            o.Collections = [Collection];
            configure?.Invoke(o);
        });
        return (await CollectAsync(source.GetCollectionsAsync(CancellationToken.None))).Single();
    }

    private static async Task<List<(int Number, int Objects, string Cursor)>> ReadAsync(ISourceCollection collection, string? committedCursor)
    {
        var pages = new List<(int, int, string)>();
        await foreach (var page in collection.ReadPagesAsync(committedCursor, CancellationToken.None))
        {
            using (page)
            {
                pages.Add((page.Number, page.Objects.Count, page.CursorAfter));
            }
        }

        return pages;
    }

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
