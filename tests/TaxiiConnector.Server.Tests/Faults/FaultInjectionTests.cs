using System.Net;
using System.Text.Json;
using TaxiiConnector.Testing.Faults;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task ServiceUnavailableBurst_ThreeOnPageTwo_FailsThreeTimesThenServesThePage()
    {
        var plan = new ScriptedFaultPlan().OnPage(2, TaxiiFault.ServiceUnavailable(), times: 3);
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var first = await ObjectsPage.GetAsync(client, url, "limit=4");
        var secondPage = TaxiiHttp.WithQuery(url, "limit=4&next=" + Uri.EscapeDataString(first.Next!));

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await TaxiiHttp.GetAsync(client, secondPage);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
                using var error = await TaxiiHttp.ReadJsonAsync(response);
                error.RootElement.GetProperty("http_status").GetString().Should().Be("503");
            }
            else
            {
                (await ObjectsPage.ReadAsync(response)).Ids.Should().Equal(Enumerable.Range(4, 4).Select(TestCollections.IdOf));
            }
        }

        statuses.Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        plan.Injected.Should().HaveCount(3).And.OnlyContain(f => f.Request.PageNumber == 2 && f.Fault.StatusCode == 503);
    }

    [Fact]
    public async Task InternalServerErrorBurst_ByObjectsRequestNumber_HitsExactlyThoseRequests()
    {
        var plan = new ScriptedFaultPlan().OnObjectsRequests(2, 2, TaxiiFault.InternalServerError());
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(3), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 4; request++)
        {
            using var response = await TaxiiHttp.GetAsync(client, url);
            statuses.Add(response.StatusCode);
        }

        // Discovery is not an objects request and does not shift the numbering.
        using (var discovery = await TaxiiHttp.GetAsync(client, server.DiscoveryUrl))
        {
            discovery.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_SendsWholeSecondsHeader()
    {
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.TooManyRequests(TimeSpan.FromSeconds(2.2)));
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(3), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        using var limited = await TaxiiHttp.GetAsync(client, url);
        using var served = await TaxiiHttp.GetAsync(client, url);

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        TaxiiHttp.Header(limited, "Retry-After").Should().Be("3");
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        served.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StatusFault_OnDiscovery_AppliesToNonObjectEndpoints()
    {
        var plan = new ScriptedFaultPlan().When(r => r.Endpoint == TaxiiEndpoint.Discovery, TaxiiFault.ServiceUnavailable(TimeSpan.FromSeconds(1)), times: 1);
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(1), plan);
        using var client = TaxiiHttp.CreateClient();

        using var failed = await TaxiiHttp.GetAsync(client, server.DiscoveryUrl);
        using var served = await TaxiiHttp.GetAsync(client, server.DiscoveryUrl);

        failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        TaxiiHttp.Header(failed, "Retry-After").Should().Be("1");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetMidBody_AfterPartialBody_ClientSeesAnAbortedResponse()
    {
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.ResetMidBody(0.5));
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(50), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        using var response = await TaxiiHttp.GetAsync(client, url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the status line and headers went out before the cut");
        var received = 0;
        Exception? failure = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                received += n;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failure = e;
        }

        failure.Should().NotBeNull("the body ends before its announced length");
        received.Should().BeGreaterThan(0).And.BeLessThan((int)response.Content.Headers.ContentLength!.Value);
        var retried = await ObjectsPage.GetAsync(client, url, "");
        retried.Ids.Should().HaveCount(50);
    }

    [Fact]
    public async Task TruncatedJson_CleanHttpEnd_BodyIsAPrefixOfTheRealPageAndFailsToParse()
    {
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.TruncatedJson(0.4));
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(20), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        using var truncated = await TaxiiHttp.GetAsync(client, url);
        var truncatedBody = await truncated.Content.ReadAsStringAsync();
        var whole = await ObjectsPage.GetAsync(client, url, "");

        truncated.StatusCode.Should().Be(HttpStatusCode.OK);
        whole.RawBody.Should().StartWith(truncatedBody);
        truncatedBody.Length.Should().BeCloseTo((int)(whole.RawBody.Length * 0.4), 2);
        var parse = () => JsonDocument.Parse(truncatedBody);
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task RepeatPage_FollowingNext_ServesTheSamePageWithMoreForever()
    {
        var plan = new ScriptedFaultPlan().OnPage(2, TaxiiFault.RepeatPage(), times: null);
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);
        var page = await ObjectsPage.GetAsync(client, url, "limit=3");

        var repeated = new List<ObjectsPage>();
        for (var i = 0; i < 5; i++)
        {
            page = await ObjectsPage.GetAsync(client, url, "limit=3&next=" + Uri.EscapeDataString(page.Next!));
            repeated.Add(page);
        }

        repeated.Should().OnlyContain(p => p.More == true && p.Next != null);
        repeated.Select(p => string.Join(",", p.Ids)).Distinct().Should().ContainSingle()
            .Which.Should().Be(string.Join(",", Enumerable.Range(3, 3).Select(TestCollections.IdOf)));
    }

    [Fact]
    public async Task RepeatPage_OnLastPage_LiesThatThereIsMore()
    {
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.RepeatPage(), times: null);
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(2), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var first = await ObjectsPage.GetAsync(client, url, "");
        var again = await ObjectsPage.GetAsync(client, url, "next=" + Uri.EscapeDataString(first.Next!));

        first.More.Should().BeTrue();
        again.Ids.Should().Equal(first.Ids);
        again.More.Should().BeTrue();
    }

    [Fact]
    public async Task MoreWithoutNext_ServesPageWithMoreButNoNext()
    {
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.MoreWithoutNext(), times: null);
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(10), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var first = await ObjectsPage.GetAsync(client, url, "limit=4");
        var fallback = await ObjectsPage.GetAsync(client, url, "limit=4&added_after=" + first.DateAddedLast);

        first.More.Should().BeTrue();
        first.Next.Should().BeNull();
        fallback.Ids.Should().Equal(Enumerable.Range(4, 4).Select(TestCollections.IdOf));
    }

    [Fact]
    public async Task InvalidObject_AtPosition_IsInsertedBesideTheRealObjects()
    {
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.InvalidObject(position: 2));
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(5), plan);
        using var client = TaxiiHttp.CreateClient();
        var url = server.GetObjectsUrl(TestCollections.CollectionId);

        var faulty = await ObjectsPage.GetAsync(client, url, "");

        faulty.Ids.Should().Equal(TestCollections.IdOf(0), TestCollections.IdOf(1), "<no id>", TestCollections.IdOf(2), TestCollections.IdOf(3), TestCollections.IdOf(4));
        faulty.DateAddedFirst.Should().Be(TestCollections.Timestamp(0));
        faulty.DateAddedLast.Should().Be(TestCollections.Timestamp(4));
        using var body = JsonDocument.Parse(faulty.RawBody);
        body.RootElement.GetProperty("objects")[2].GetProperty("type").GetString().Should().Be("indicator");
    }

    [Fact]
    public async Task InvalidObject_CustomJson_IsServedVerbatim()
    {
        const string Invalid = """{"type":"indicator","spec_version":"2.1","id":"indicator--bad","pattern":"[unclosed"}""";
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.InvalidObject(json: Invalid));
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(4), plan);
        using var client = TaxiiHttp.CreateClient();

        var faulty = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "");

        faulty.Ids.Should().Equal(TestCollections.IdOf(0), TestCollections.IdOf(1), "indicator--bad", TestCollections.IdOf(2), TestCollections.IdOf(3));
        faulty.RawBody.Should().Contain(Invalid);
    }

    [Fact]
    public async Task Decide_NoRuleMatches_ServesNormallyAndRecordsNothing()
    {
        var plan = new ScriptedFaultPlan().OnPage(9, TaxiiFault.InternalServerError());
        await using var server = await ServerFactory.StartAsync(TestCollections.Create(5), plan);
        using var client = TaxiiHttp.CreateClient();

        var page = await ObjectsPage.GetAsync(client, server.GetObjectsUrl(TestCollections.CollectionId), "");

        page.Ids.Should().HaveCount(5);
        plan.Injected.Should().BeEmpty();
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => TaxiiFault.Status(200)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => TaxiiFault.ResetMidBody(1.0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => TaxiiFault.TruncatedJson(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ScriptedFaultPlan().OnPage(0, TaxiiFault.RepeatPage())).Should().Throw<ArgumentOutOfRangeException>();
    }
}
