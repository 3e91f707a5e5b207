using Microsoft.Extensions.Logging;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Tests.Pipeline;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary><c>GET v1/subscriptions/</c> and feed selection: configured ∩ subscribed ∩ active.</summary>
public sealed class CyberThreatExchangeSourceTests
{
    [Fact]
    public async Task GetCollectionsAsync_ConfiguredFeedNotSubscribed_PullsTheOthersThenFailsAsAConfigurationErrorNamingTheSetting()
    {
        // Issue 16: a configured feed that is not pulled is a configuration error, not a warning hidden at the default level.
        using var host = new CtxTestHost(options => options.FeedIds = ["feed-1", "feed-2"]);
        GivenSubscriptions(host, CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"), ("feed-3", "Feed Three", "active")));
        var collections = new List<ISourceCollection>();

        var read = async () =>
        {
            await foreach (var collection in host.Source.GetCollectionsAsync(host.Token))
                collections.Add(collection);
        };

        var problem = (await read.Should().ThrowAsync<SourceConfigurationException>()).Which.Message;
        problem.Should().Contain("CYBERTHREATEXCHANGE_FEED_IDS (cyberthreatexchange.feed_ids)").And.Contain("feed-2").And.Contain("not subscribed")
            .And.Contain("Subscribed: feed-1 (Feed One), feed-3 (Feed Three)");
        collections.Select(c => c.StateKey).Should().Equal("cyberthreatexchange|feed-1");
        collections.Single().DisplayName.Should().Be("Feed One (feed-1)");
        host.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning, "the problem is the exception's one line, logged once by the runner");
        host.Requests.Select(CtxFeedPaginationTests.PathAndQuery).Should().Equal("/v1/subscriptions/?page_size=200");
        host.Requests.Single().RequestMessage.Headers!["API-KEY"].Should().Equal(CtxTestHost.ApiKey);
    }

    [Fact]
    public async Task GetCollectionsAsync_InactiveSubscription_SkipsTheFeedAndFailsAsAConfigurationError()
    {
        using var host = new CtxTestHost(options => options.FeedIds = ["feed-1", "feed-2"]);
        GivenSubscriptions(host, CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"), ("feed-2", "Feed Two", "cancelled")));
        var collections = new List<ISourceCollection>();

        var read = async () =>
        {
            await foreach (var collection in host.Source.GetCollectionsAsync(host.Token))
                collections.Add(collection);
        };

        (await read.Should().ThrowAsync<SourceConfigurationException>()).Which.Message
            .Should().Contain("Feed Two (feed-2)").And.Contain("cancelled").And.Contain("cyberthreatexchange.feed_ids");
        collections.Select(c => c.StateKey).Should().Equal("cyberthreatexchange|feed-1");
        host.Requests.Should().ContainSingle("an inactive feed's objects are never requested");
    }

    [Fact]
    public async Task GetCollectionsAsync_SubscriptionsOnSeveralPages_FollowsTheCursorParameter()
    {
        using var host = new CtxTestHost(options => options.FeedIds = ["feed-1", "feed-2"]);
        host.Server
            .Given(Request.Create().WithPath("/v1/subscriptions/").UsingGet())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithBody("""{"next": "subs-2", "results": [{"feed": {"id": "feed-2", "name": "Feed Two"}, "subscription": {"status": "active"}}]}"""));
        host.Server
            .Given(Request.Create().WithPath("/v1/subscriptions/").WithParam("cursor", "subs-2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithBody("""{"next": null, "results": [{"feed": {"id": "feed-1", "name": "Feed One"}, "subscription": {"status": "active"}}]}"""));

        var collections = await CollectionsAsync(host);

        collections.Select(c => c.StateKey).Should().Equal("cyberthreatexchange|feed-1", "cyberthreatexchange|feed-2");
        host.Requests.Select(CtxFeedPaginationTests.PathAndQuery).Should().Equal(
            "/v1/subscriptions/?page_size=200",
            "/v1/subscriptions/?page_size=200&cursor=subs-2");
        host.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task GetCollectionsAsync_FeedIdsDifferInCase_MatchesAndUsesTheServersId()
    {
        using var host = new CtxTestHost(options => options.FeedIds = ["F0895EB3-7D90-4B45-8664-A7E157BA880F"]);
        GivenSubscriptions(host, CtxTestHost.Subscriptions(("f0895eb3-7d90-4b45-8664-a7e157ba880f", "Feed", "active")));

        var collections = await CollectionsAsync(host);

        collections.Should().ContainSingle().Which.StateKey.Should().Be("cyberthreatexchange|f0895eb3-7d90-4b45-8664-a7e157ba880f");
    }

    [Fact]
    public async Task Source_NameAndTransformOptions_ComeFromTheSection()
    {
        using var host = new CtxTestHost(options =>
        {
            options.TransformSettings.DefaultMarking = "TLP:GREEN";
            options.TransformSettings.AddCustomLabel = true;
            options.TransformSettings.CustomLabel = "ctx";
        });

        host.Source.Name.Should().Be("cyberthreatexchange");
        host.Source.TransformOptions.DefaultMarking.Should().Be("TLP:GREEN");
        host.Source.TransformOptions.CustomLabel.Should().Be("ctx");
    }

    [Fact]
    public async Task RunOnceAsync_TwoFeedsOneRefused_OneOpenCtiWorkPerFeedOnlyTheRefusedOneInError()
    {
        using var host = new CtxTestHost(options => options.FeedIds = ["feed-1", "feed-2"]);
        GivenSubscriptions(host, CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"), ("feed-2", "Feed Two", "active")));
        host.Server
            .Given(Request.Create().WithPath("/v1/feeds/feed-1/objects/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(CtxTestHost.Objects(null, "indicator--5c1b0a4e-6b88-4f0b-9c55-7f0e1d2c3b4a")));
        host.Server
            .Given(Request.Create().WithPath("/v1/feeds/feed-2/objects/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404));
        var harness = new PipelineHarness();

        var report = await harness.CreateRunner(host.Source).RunOnceAsync(host.Token);

        harness.Works.Started.Should().SatisfyRespectively(
            name => name.Should().StartWith("TaxiiConnector cyberthreatexchange Feed One (feed-1) run @ "),
            name => name.Should().StartWith("TaxiiConnector cyberthreatexchange Feed Two (feed-2) run @ "));
        harness.Works.Completed.Select(c => (c.WorkId, c.InError)).Should().Equal(("work-1", false), ("work-2", true));
        harness.Sink.Contexts.Should().ContainSingle().Which.WorkId.Should().Be("work-1");
        report.Collections.Select(c => c.Succeeded).Should().Equal(true, false);
    }

    [Theory]
    [InlineData("", "/v1/subscriptions/")]
    [InlineData("/api", "/api/v1/subscriptions/")]
    [InlineData("/api/", "/api/v1/subscriptions/")]
    [InlineData("/api///", "/api/v1/subscriptions/")]
    public async Task GetCollectionsAsync_BaseUrlWithOrWithoutTrailingSlashes_RequestsUnderItsPath(string basePath, string expectedPath)
    {
        using var host = new CtxTestHost(basePath: basePath);
        host.Server
            .Given(Request.Create().WithPath(expectedPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"))));

        var collections = await CollectionsAsync(host);

        collections.Should().ContainSingle();
        host.Requests.Select(CtxFeedPaginationTests.PathAndQuery).Should().Equal(expectedPath + "?page_size=200");
    }

    internal static void GivenSubscriptions(CtxTestHost host, string body) =>
        host.Server
            .Given(Request.Create().WithPath("/v1/subscriptions/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    internal static async Task<List<ISourceCollection>> CollectionsAsync(CtxTestHost host)
    {
        var collections = new List<ISourceCollection>();
        await foreach (var collection in host.Source.GetCollectionsAsync(host.Token))
            collections.Add(collection);
        return collections;
    }
}
