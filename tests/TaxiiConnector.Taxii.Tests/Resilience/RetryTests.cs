using System.Globalization;
using System.Net;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Pagination;
using TaxiiConnector.Taxii.Taxii2.Resources;
using TaxiiConnector.Taxii.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace TaxiiConnector.Taxii.Tests.Resilience;

public sealed class RetryTests : IDisposable
{
    private static readonly (string, string)[] Taxii = [("Content-Type", Stix.Taxii21)];
    private readonly ClientHarness _harness = new(o => o.MaxRetries = 3);

    public void Dispose() => _harness.Dispose();

    private ScriptedResponder Script(string path, params (int Status, string Body, (string Name, string Value)[] Headers)[] script)
    {
        var responder = new ScriptedResponder(_harness.Time, script);
        _harness.Server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Response.Create().WithCallback(responder.Respond));
        return responder;
    }

    private Uri Discovery => new(_harness.BaseUrl, "taxii2/");

    private TaxiiCollection Collection() =>
        new(new Uri(_harness.BaseUrl, "api1/"), TaxiiVersion.V21, "c1", "C", null, null, true, false, []);

    [Fact]
    public async Task DiscoverAsync_429WithRetryAfterSeconds_WaitsThatLongOnTheFakeClockThenRetries()
    {
        var responder = Script("/taxii2/",
            (429, """{"title":"Too many requests"}""", [("Content-Type", Stix.Taxii21), ("Retry-After", "30")]),
            (200, """{"title":"ok"}""", Taxii));

        var discovery = await _harness.RunAsync(() => _harness.Client.DiscoverAsync(Discovery));

        discovery.Title.Should().Be("ok");
        var arrivals = responder.Arrivals.ToArray();
        arrivals.Should().HaveCount(2);
        // The clock only moves when the test advances it: the retry left after 30 fake seconds (back-off alone would be
        // about 1 s), while the whole test takes well under a real second. The upper bound is loose because the fake clock
        // keeps moving while the retried request is on the wire.
        (arrivals[1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30)).And.BeLessThan(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task DiscoverAsync_503WithRetryAfterHttpDate_WaitsUntilThatDateOnTheFakeClock()
    {
        var responder = new ScriptedResponder(_harness.Time);
        var count = 0;
        _harness.Server.Given(Request.Create().WithPath("/taxii2/").UsingGet()).RespondWith(Response.Create().WithCallback(request =>
        {
            if (Interlocked.Increment(ref count) == 1)
            {
                var until = _harness.Time.GetUtcNow().AddSeconds(45).ToString("R", CultureInfo.InvariantCulture);
                return new ScriptedResponder(_harness.Time, (503, string.Empty, [("Retry-After", until)])).Respond(request);
            }

            return new ScriptedResponder(_harness.Time, (200, """{"title":"ok"}""", Taxii)).Respond(request);
        }));
        var started = _harness.Time.GetUtcNow();

        var discovery = await _harness.RunAsync(() => _harness.Client.DiscoverAsync(Discovery));

        discovery.Title.Should().Be("ok");
        count.Should().Be(2);
        (_harness.Time.GetUtcNow() - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(44));
    }

    [Fact]
    public async Task DiscoverAsync_ServerErrorsThenSuccess_RetriesWithBackoff()
    {
        var responder = Script("/taxii2/", (500, string.Empty, []), (502, "<html>bad gateway</html>", [("Content-Type", "text/html")]), (200, """{"title":"ok"}""", Taxii));

        var discovery = await _harness.RunAsync(() => _harness.Client.DiscoverAsync(Discovery));

        discovery.Title.Should().Be("ok");
        var arrivals = responder.Arrivals.ToArray();
        arrivals.Should().HaveCount(3);
        (arrivals[2] - arrivals[0]).Should().BePositive("back-off delays elapse on the fake clock");
    }

    [Fact]
    public async Task DiscoverAsync_ServerErrorEveryTime_GivesUpAfterMaxRetriesWithTypedError()
    {
        var responder = Script("/taxii2/", (500, """{"title":"Internal","description":"db down"}""", Taxii));

        var act = () => _harness.RunAsync(() => _harness.Client.DiscoverAsync(Discovery));

        var error = (await act.Should().ThrowAsync<TaxiiRequestException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        error.ErrorDescription.Should().Be("db down");
        responder.Arrivals.Should().HaveCount(4);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(406)]
    public async Task DiscoverAsync_ClientError_IsNotRetried(int status)
    {
        _harness.Server.Given(Request.Create().WithPath("/taxii2/").UsingGet()).RespondWith(Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", Stix.Taxii21).WithBody("""{"title":"Nope","description":"details here"}"""));

        var act = () => _harness.RunAsync(() => _harness.Client.DiscoverAsync(Discovery));

        var error = (await act.Should().ThrowAsync<TaxiiRequestException>()).Which;
        ((int)error.StatusCode).Should().Be(status);
        error.Message.Should().Contain("Nope").And.Contain("details here");
        _harness.Server.LogEntries.Should().ContainSingle();
    }

    [Fact]
    public async Task GetObjectsAsync_TruncatedJsonOnce_IsReadAgainAndNoPartialPageIsYielded()
    {
        var responder = Script("/api1/collections/c1/objects/",
            (200, """{"more":false,"objects":[{"type":"indicator","id":"indicator--00000000-0000-4000-8000-0000000""", Taxii),
            (200, Stix.Envelope(false, null, Stix.Id(1), Stix.Id(2)), Taxii));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery());

        pages.Should().ContainSingle().Which.Ids.Should().Equal(Stix.Id(1), Stix.Id(2));
        responder.Arrivals.Should().HaveCount(2);
        _harness.Logs.AllText.Should().Contain("is not valid JSON");
    }

    [Fact]
    public async Task GetObjectsAsync_TruncatedJsonEveryTime_FailsClearlyWithoutYieldingAnything()
    {
        var responder = Script("/api1/collections/c1/objects/", (200, """{"objects":[{"type":"indi""", Taxii));
        var pages = new List<PageSnapshot>();

        var read = () => _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery(), pages);

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.Message.Should().Contain("/api1/collections/c1/objects/").And.Contain("not valid JSON");
        pages.Should().BeEmpty();
        responder.Arrivals.Should().HaveCount(4, "one read and three re-reads (min(MaxRetries, 3))");
    }

    [Fact]
    public async Task GetObjectsAsync_TruncatedBodyOfANextPage_ResumesByDateInsteadOfResendingTheConsumedCursor()
    {
        _harness.Server.Given(Request.Create().WithPath("/api1/collections/c1/objects/").WithParam("next", WireMock.Matchers.MatchBehaviour.RejectOnMatch)
                .WithParam("added_after", WireMock.Matchers.MatchBehaviour.RejectOnMatch))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithHeader("X-TAXII-Date-Added-Last", "2024-06-01T00:00:00.000001Z")
                .WithBody(Stix.Envelope(true, "n2", Stix.Id(1))));
        _harness.Server.Given(Request.Create().WithPath("/api1/collections/c1/objects/").WithParam("next", "n2"))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody("""{"more":false,"objects":[{"type":"ind"""));
        _harness.Server.Given(Request.Create().WithPath("/api1/collections/c1/objects/").WithParam("added_after", "2024-06-01T00:00:00.000001Z"))
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(false, null, Stix.Id(2))));

        var pages = await _harness.ReadAllAsync(Collection(), new TaxiiObjectsQuery { Limit = 1 });

        pages.SelectMany(p => p.Ids).Should().Equal(Stix.Id(1), Stix.Id(2));
        _harness.Server.LogEntries.InOrder().Select(e => new Uri(e.RequestMessage.AbsoluteUrl).Query).Should().Equal(
            "?limit=1", "?limit=1&next=n2", "?added_after=2024-06-01T00%3A00%3A00.000001Z&limit=1");
    }

    [Fact]
    public async Task GetObjectsAsync_BodyOverTheByteCap_FailsWithoutRetry()
    {
        using var capped = new ClientHarness(o => o.MaxResponseBytes = 200);
        capped.Server.Given(Request.Create().WithPath("/api1/collections/c1/objects/").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", Stix.Taxii21).WithBody(Stix.Envelope(false, null, Stix.Id(1), Stix.Id(2))));
        var collection = new TaxiiCollection(new Uri(capped.BaseUrl, "api1/"), TaxiiVersion.V21, "c1", "C", null, null, true, false, []);

        var read = () => capped.ReadAllAsync(collection, new TaxiiObjectsQuery());

        var error = (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        error.IsTransient.Should().BeFalse();
        error.Message.Should().Contain("200-byte cap");
        capped.Server.LogEntries.Should().ContainSingle();
    }
}
