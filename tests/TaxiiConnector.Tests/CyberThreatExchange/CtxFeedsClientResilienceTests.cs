using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Sources.CyberThreatExchange.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Tests.CyberThreatExchange;

/// <summary>HTTP statuses: 401/403 fail at once with one clear line; 429 and 5xx are retried on the fake clock.</summary>
public sealed class CtxFeedsClientResilienceTests : IDisposable
{
    private const string SubscriptionsPath = "/v1/subscriptions/";
    private readonly CtxTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task GetCollectionsAsync_KeyRefused_FailsWithOneClearLineAndNoRetry(int status)
    {
        _host.Server
            .Given(Request.Create().WithPath(SubscriptionsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"detail": "Invalid API key."}"""));

        var act = () => CyberThreatExchangeSourceTests.CollectionsAsync(_host);

        var thrown = await act.Should().ThrowAsync<CtxAccessDeniedException>();
        thrown.Which.StatusCode.Should().Be((HttpStatusCode)status);
        _host.Requests.Should().ContainSingle("a refused key is not retried");

        // The run logs a failed source once with the exception's message: that is the one line, so nothing else warns.
        var line = thrown.Which.Message;
        line.Should().Contain($"HTTP {status}").And.Contain("invalid or revoked").And.Contain("plan has no API access")
            .And.Contain("CYBERTHREATEXCHANGE_API_KEY").And.NotContain(CtxTestHost.ApiKey).And.NotContain("\n");
        _host.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning);
        AssertKeyNeverLogged();
    }

    [Fact]
    public async Task ReadPagesAsync_KeyRefusedOnFeedObjects_FailsThatFeed()
    {
        CyberThreatExchangeSourceTests.GivenSubscriptions(_host, CtxTestHost.Subscriptions(("feed-1", "Feed One", "active")));
        _host.Server
            .Given(Request.Create().WithPath("/v1/feeds/feed-1/objects/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(403));
        var collection = await _host.SingleFeedAsync();

        var act = () => _host.ReadAllAsync(collection, null);

        await act.Should().ThrowAsync<CtxAccessDeniedException>();
        _host.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetCollectionsAsync_429WithRetryAfterSeconds_WaitsThatLongOnTheInjectedClock()
    {
        GivenFailureThenSuccess(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120"));

        var run = StartInBackground();
        var retry = await RetryLineAsync();

        // 120 s: longer than the generous wait below, so only the fake clock can let the retry happen in time.
        retry.Value("DelaySeconds").Should().Be(120.0);
        retry.Message.Should().Contain("HTTP 429");
        run.IsCompleted.Should().BeFalse("the retry waits for the fake clock");
        _host.Requests.Should().ContainSingle();

        var advanced = await AdvanceUntilDoneAsync(run, TimeSpan.FromSeconds(120));

        advanced.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(120), "the retry cannot happen before the server's Retry-After");
        (await run).Should().ContainSingle();
        _host.Requests.Should().HaveCount(2);
        _host.Requests.Should().AllSatisfy(r => r.RequestMessage.Headers!["API-KEY"].Should().Equal(CtxTestHost.ApiKey));
        AssertKeyNeverLogged();
    }

    [Fact]
    public async Task GetCollectionsAsync_429WithRetryAfterHttpDate_WaitsUntilThatDateOnTheInjectedClock()
    {
        var date = CtxTestHost.Now.AddSeconds(150).ToString("r", CultureInfo.InvariantCulture);
        GivenFailureThenSuccess(Response.Create().WithStatusCode(429).WithHeader("Retry-After", date));

        var run = StartInBackground();
        var retry = await RetryLineAsync();

        retry.Value("DelaySeconds").Should().Be(150.0);
        (await AdvanceUntilDoneAsync(run, TimeSpan.FromSeconds(150))).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(150));
        (await run).Should().ContainSingle();
        _host.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetCollectionsAsync_503ThenSuccess_RetriesWithBackoff()
    {
        GivenFailureThenSuccess(Response.Create().WithStatusCode(503));

        var run = StartInBackground();
        var retry = await RetryLineAsync();

        retry.Message.Should().Contain("HTTP 503");
        var delay = TimeSpan.FromSeconds((double)retry.Value("DelaySeconds")!);
        delay.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(2));
        // Timers count whole milliseconds: the clock moves the logged delay, to the millisecond.
        (await AdvanceUntilDoneAsync(run, delay)).Should().BeCloseTo(delay, TimeSpan.FromMilliseconds(1));

        (await run).Should().ContainSingle();
        _host.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetCollectionsAsync_404_FailsWithoutRetryNamingTheStatusAndTheServersDetail()
    {
        _host.Server
            .Given(Request.Create().WithPath(SubscriptionsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"detail": "Not found."}"""));

        var act = () => CyberThreatExchangeSourceTests.CollectionsAsync(_host);

        var thrown = await act.Should().ThrowAsync<CtxApiException>();
        thrown.Which.Message.Should().Contain("HTTP 404").And.Contain("Not found.");
        _host.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetCollectionsAsync_BodyIsNotJson_FailsWithOneLineNamingTheRequest()
    {
        _host.Server
            .Given(Request.Create().WithPath(SubscriptionsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<html>maintenance</html>"));

        var act = () => CyberThreatExchangeSourceTests.CollectionsAsync(_host);

        (await act.Should().ThrowAsync<CtxApiException>()).Which.Message.Should().Contain("/v1/subscriptions/").And.Contain("JSON");
    }

    private void GivenFailureThenSuccess(IResponseBuilder failure)
    {
        _host.Server
            .Given(Request.Create().WithPath(SubscriptionsPath).UsingGet())
            .InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(failure);
        _host.Server
            .Given(Request.Create().WithPath(SubscriptionsPath).UsingGet())
            .InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(CtxTestHost.Subscriptions(("feed-1", "Feed One", "active"))));
    }

    /// <summary>
    /// Off xunit's synchronisation context: a run left waiting on the fake clock by a failed assertion is cancelled at
    /// dispose and must be able to finish on the thread pool instead of waiting for the blocked test thread.
    /// </summary>
    private Task<List<TaxiiConnector.Sources.ISourceCollection>> StartInBackground() =>
        Task.Run(() => CyberThreatExchangeSourceTests.CollectionsAsync(_host));

    /// <summary>
    /// Moves the fake clock to the retry's timer once the client waits on it (never while a request is in flight, so the
    /// per-attempt timeout cannot fire), then waits for the run; returns how far the clock moved.
    /// </summary>
    private async Task<TimeSpan> AdvanceUntilDoneAsync(Task run, TimeSpan delay)
    {
        var before = _host.Time.GetUtcNow();
        (await _host.Clock.AdvanceToTimerAsync(d => (d - delay).Duration() < TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)))
            .Should().BeTrue($"the retry waits {delay} on the injected clock");
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        return _host.Time.GetUtcNow() - before;
    }

    private async Task<CapturedLog> RetryLineAsync()
    {
        await Eventually.HoldsAsync(() => _host.Logs.Entries.Any(e => e.EventName == "CtxRetrying"), "the retry to be scheduled");
        return _host.Logs.Entries.Single(e => e.EventName == "CtxRetrying");
    }

    private void AssertKeyNeverLogged() =>
        _host.Logs.Entries.Should().NotContain(e => e.Message.Contains(CtxTestHost.ApiKey, StringComparison.Ordinal));
}
