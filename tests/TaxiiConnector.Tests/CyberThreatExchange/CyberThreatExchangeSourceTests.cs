using Microsoft.Extensions.Logging;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.CyberThreatExchange;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary><c>GET v1/subscriptions/</c> and feed selection: configured ∩ subscribed ∩ active.</summary>
public sealed class CyberThreatExchangeSourceTests
{
    [Fact]
    public async Task GetCollectionsAsync_ConfiguredFeedNotSubscribed_LogsOneWarningNamingItAndSkipsIt()
    {
        using var host = new CtxTestHost(options => options.FeedIds = ["feed-1", "feed-2"]);
        GivenSubscriptions(host, CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"), ("feed-3", "Feed Three", "active")));

        var collections = await CollectionsAsync(host);

        collections.Select(c => c.StateKey).Should().Equal("cyberthreatexchange|feed-1");
        collections.Single().DisplayName.Should().Be("Feed One (feed-1)");
        var warning = host.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).Should().ContainSingle().Subject;
        warning.EventName.Should().Be("CtxFeedNotSubscribed");
        warning.Message.Should().Contain("feed-2").And.NotContain("feed-1").And.NotContain("feed-3");
        host.Requests.Select(CtxFeedPaginationTests.PathAndQuery).Should().Equal("/v1/subscriptions/?page_size=200");
        host.Requests.Single().RequestMessage.Headers!["API-KEY"].Should().Equal(CtxTestHost.ApiKey);
    }

    [Fact]
    public async Task GetCollectionsAsync_InactiveSubscription_SkipsTheFeedWithOneWarning()
    {
        using var host = new CtxTestHost(options => options.FeedIds = ["feed-1", "feed-2"]);
        GivenSubscriptions(host, CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"), ("feed-2", "Feed Two", "cancelled")));

        var collections = await CollectionsAsync(host);

        collections.Select(c => c.StateKey).Should().Equal("cyberthreatexchange|feed-1");
        var warning = host.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).Should().ContainSingle().Subject;
        warning.EventName.Should().Be("CtxSubscriptionInactive");
        warning.Message.Should().Contain("Feed Two (feed-2)").And.Contain("cancelled");
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
