using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Push;
using TaxiiConnector.Server.Tests.Support;

namespace TaxiiConnector.Server.Tests.Push;

public sealed class TaxiiPushHostTests
{
    [Fact]
    public async Task PostObjects_ValidBasicUser_Returns202PendingStatusAndSpoolsTheEnvelope()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(3), PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var status = await TaxiiHttp.ReadJsonAsync(response);
        var root = status.RootElement;
        root.GetProperty("status").GetString().Should().Be("pending");
        root.GetProperty("total_count").GetInt32().Should().Be(3);
        root.GetProperty("success_count").GetInt32().Should().Be(0);
        root.GetProperty("failure_count").GetInt32().Should().Be(0);
        root.GetProperty("pending_count").GetInt32().Should().Be(3);
        root.GetProperty("pendings").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal(Enumerable.Range(0, 3).Select(PushTestServer.IndicatorId));
        root.GetProperty("pendings")[1].GetProperty("version").GetString().Should().Be("2026-04-01T10:00:01.000Z");
        root.TryGetProperty("successes", out _).Should().BeFalse("TAXII leaves out empty lists");

        var spooled = await FirstPendingAsync(server.Host.Spool);
        spooled.StatusId.Should().Be(root.GetProperty("id").GetString());
        spooled.CollectionId.Should().Be(PushTestServer.Shared);
        spooled.UserName.Should().Be("alice");
        using var content = await spooled.ReadAsync(CancellationToken.None);
        content.Objects.Select(o => o.GetRawText()).Should().Equal(Enumerable.Range(0, 3).Select(PushTestServer.IndicatorJson));
        Directory.GetFiles(Path.Combine(server.SpoolDirectory, "pending"), "*.json").Should().ContainSingle();
    }

    [Fact]
    public async Task PostObjects_EveryOutcome_IsReportedToTheObserverWithUnknownIdsCollapsed()
    {
        var observed = new System.Collections.Concurrent.ConcurrentQueue<(string Collection, bool Accepted)>();
        var spool = Directory.CreateTempSubdirectory("taxii-push-observed-").FullName;
        await using var host = await TaxiiPushHost.StartAsync(new TaxiiPushHostOptions
        {
            ApiRoot = "push",
            Title = "Push endpoint",
            ApiRootTitle = "Push API root",
            MaxContentLength = 10 * 1024 * 1024,
            SpoolDirectory = spool,
            Collections = [new TaxiiPushCollection(PushTestServer.Shared, "Shared feed")],
            Users = [new TaxiiPushUser("partner") { BearerToken = "observer-token", Collections = ["*"] }],
            EnvelopeObserved = (collection, accepted) => observed.Enqueue((collection, accepted)),
        });
        using var client = TaxiiHttp.CreateClient();
        var token = new AuthenticationHeaderValue("Bearer", "observer-token");

        using (var accepted = await PostAsync(client, host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(2), token))
        using (var unauthenticated = await PostAsync(client, host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1), null))
        using (var malformed = await PostAsync(client, host.GetObjectsUrl(PushTestServer.Shared), "{\"objects\":", token))
        using (var unknown = await PostAsync(client, host.GetObjectsUrl("5f0c7a1e-0000-4000-8000-000000000001"), PushTestServer.Envelope(1), token))
        {
            new[] { accepted.StatusCode, unauthenticated.StatusCode, malformed.StatusCode, unknown.StatusCode }.Should().Equal(
                HttpStatusCode.Accepted, HttpStatusCode.Unauthorized, (HttpStatusCode)422, HttpStatusCode.NotFound);
        }

        observed.Should().Equal(
            (PushTestServer.Shared, true), (PushTestServer.Shared, false), (PushTestServer.Shared, false), ("unknown", false));
        await host.DisposeAsync();
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task GetStatus_AfterComplete_ReportsSuccessesAndFailuresWithReasons()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();
        using (var posted = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(3), PushTestServer.Partner))
        {
            posted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var spooled = await FirstPendingAsync(server.Host.Spool);
        await server.Host.Spool.CompleteAsync(
            spooled,
            [
                new PushObjectResult(spooled.Objects[0].Id, spooled.Objects[0].Version, true),
                new PushObjectResult(spooled.Objects[1].Id, spooled.Objects[1].Version, false, "pattern could not be parsed"),
                new PushObjectResult(spooled.Objects[2].Id, spooled.Objects[2].Version, true),
            ],
            CancellationToken.None);

        using var response = await GetAsync(client, server.Host.GetStatusUrl(spooled.StatusId), PushTestServer.Partner);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var status = await TaxiiHttp.ReadJsonAsync(response);
        var root = status.RootElement;
        root.GetProperty("status").GetString().Should().Be("complete");
        root.GetProperty("total_count").GetInt32().Should().Be(3);
        root.GetProperty("success_count").GetInt32().Should().Be(2);
        root.GetProperty("failure_count").GetInt32().Should().Be(1);
        root.GetProperty("pending_count").GetInt32().Should().Be(0);
        root.GetProperty("failures")[0].GetProperty("id").GetString().Should().Be(PushTestServer.IndicatorId(1));
        root.GetProperty("failures")[0].GetProperty("message").GetString().Should().Be("pattern could not be parsed");
        root.GetProperty("successes").GetArrayLength().Should().Be(2);
        root.TryGetProperty("pendings", out _).Should().BeFalse();
        Directory.GetFiles(Path.Combine(server.SpoolDirectory, "pending")).Should().BeEmpty();
    }

    [Fact]
    public async Task Restart_AcceptedButNotPushed_DeliversTheEnvelopeAgainAndKeepsItsStatus()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();
        string statusId;
        using (var posted = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(2), PushTestServer.Alice))
        using (var status = await TaxiiHttp.ReadJsonAsync(posted))
        {
            statusId = status.RootElement.GetProperty("id").GetString()!;
        }

        await server.RestartAsync();

        var redelivered = await FirstPendingAsync(server.Host.Spool);
        redelivered.StatusId.Should().Be(statusId);
        redelivered.Objects.Select(o => o.Id).Should().Equal(PushTestServer.IndicatorId(0), PushTestServer.IndicatorId(1));
        using (var content = await redelivered.ReadAsync(CancellationToken.None))
        {
            content.Objects.Should().HaveCount(2);
        }

        using (var pending = await GetAsync(client, server.Host.GetStatusUrl(statusId), PushTestServer.Alice))
        using (var status = await TaxiiHttp.ReadJsonAsync(pending))
        {
            status.RootElement.GetProperty("status").GetString().Should().Be("pending");
        }

        await server.Host.Spool.CompleteAsync(redelivered, redelivered.Objects.Select(o => new PushObjectResult(o.Id, o.Version, true)).ToList(), CancellationToken.None);
        await server.RestartAsync();

        server.Host.Spool.PendingCount.Should().Be(0);
        using var completed = await GetAsync(client, server.Host.GetStatusUrl(statusId), PushTestServer.Alice);
        using var completedStatus = await TaxiiHttp.ReadJsonAsync(completed);
        completedStatus.RootElement.GetProperty("status").GetString().Should().Be("complete");
        completedStatus.RootElement.GetProperty("success_count").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Restart_SeveralPending_RedeliversInArrivalOrder()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var posted = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1, first: i), PushTestServer.Alice);
            posted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        await server.RestartAsync();

        var redelivered = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var envelope in server.Host.Spool.ReadPendingAsync(timeout.Token))
        {
            redelivered.Add(envelope.Objects[0].Id);
            if (redelivered.Count == 3)
            {
                break;
            }
        }

        redelivered.Should().Equal(Enumerable.Range(0, 3).Select(PushTestServer.IndicatorId));
    }

    public static TheoryData<string, string?> Unauthenticated => new()
    {
        { "no credentials", null },
        { "wrong password", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:wrong")) },
        { "unknown user", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("mallory:" + PushTestServer.AlicePassword)) },
        { "token user without password", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("partner:")) },
        { "wrong token", "Bearer tok-not-the-right-one" },
        { "not base64", "Basic %%%" },
        { "unknown scheme", "Digest username=alice" },
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task PostObjects_BadCredentials_Returns401WithChallenge(string reason, string? authorization)
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();
        var header = authorization is null ? null : AuthenticationHeaderValue.Parse(authorization);

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1), header);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, reason);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain(["Basic", "Bearer"]);
        await ShouldBeErrorAsync(response, 401);
        Directory.GetFiles(Path.Combine(server.SpoolDirectory, "pending")).Should().BeEmpty();
    }

    [Fact]
    public async Task PostObjects_UserNotAllowedOnCollection_Returns403()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var forbidden = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Restricted), PushTestServer.Envelope(1), PushTestServer.Basic("bob", "bob-secret"));
        using var allowed = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1), PushTestServer.Basic("bob", "bob-secret"));

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await ShouldBeErrorAsync(forbidden, 403);
        allowed.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task PostObjects_BearerTokenWithWildcard_WritesEveryCollection()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var shared = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1), PushTestServer.Partner);
        using var restricted = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Restricted), PushTestServer.Envelope(1), PushTestServer.Partner);

        shared.StatusCode.Should().Be(HttpStatusCode.Accepted);
        restricted.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task PostObjects_UnknownCollection_Returns404()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await PostAsync(client, server.Host.GetObjectsUrl("e4f6a8b0-3c5d-4e7f-a091-b2c3d4e5f6a7"), PushTestServer.Envelope(1), PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ShouldBeErrorAsync(response, 404);
    }

    [Fact]
    public async Task PostObjects_WrongAccept_Returns406()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1), PushTestServer.Alice, accept: "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        await ShouldBeErrorAsync(response, 406);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/stix+json;version=2.1")]
    [InlineData("application/taxii+json;version=2.0")]
    public async Task PostObjects_WrongContentType_Returns415(string contentType)
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(1), PushTestServer.Alice, contentType: contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        await ShouldBeErrorAsync(response, 415);
    }

    [Fact]
    public async Task PostObjects_BodyAboveMaxContentLength_Returns413AndSpoolsNothing()
    {
        await using var server = await PushTestServer.StartAsync(maxContentLength: 2048);
        using var client = TaxiiHttp.CreateClient();
        var envelope = PushTestServer.Envelope(20);
        Encoding.UTF8.GetByteCount(envelope).Should().BeGreaterThan(2048);

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), envelope, PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        await ShouldBeErrorAsync(response, 413);
        Directory.GetFiles(Path.Combine(server.SpoolDirectory, "pending")).Should().BeEmpty();
    }

    [Fact]
    public async Task PostObjects_ChunkedBodyAboveMaxContentLength_Returns413()
    {
        await using var server = await PushTestServer.StartAsync(maxContentLength: 2048);
        using var client = TaxiiHttp.CreateClient();
        using var request = Post(server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Envelope(20), PushTestServer.Alice);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(PushTestServer.Envelope(20))));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", TaxiiHttp.MediaType);
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostObjects_BodyOfExactlyMaxContentLength_IsAccepted()
    {
        var envelope = PushTestServer.Envelope(3);
        await using var server = await PushTestServer.StartAsync(maxContentLength: Encoding.UTF8.GetByteCount(envelope));
        using var client = TaxiiHttp.CreateClient();

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), envelope, PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("{\"objects\":[{\"type\":\"indicator\"")]
    [InlineData("not json at all")]
    [InlineData("{\"more\":false}")]
    [InlineData("{\"objects\":[]}")]
    [InlineData("{\"objects\":{}}")]
    [InlineData("[{\"type\":\"indicator\",\"id\":\"indicator--1\"}]")]
    [InlineData("{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\"}]}")]
    [InlineData("{\"objects\":[{\"id\":\"indicator--6b0b1c2d-3e4f-4a5b-8c6d-000000000001\"}]}")]
    [InlineData("{\"objects\":[{\"type\":\"malware\",\"id\":\"indicator--6b0b1c2d-3e4f-4a5b-8c6d-000000000001\"}]}")]
    [InlineData("{\"objects\":[42]}")]
    public async Task PostObjects_MalformedEnvelope_Returns422(string body)
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), body, PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        await ShouldBeErrorAsync(response, 422);
    }

    [Fact]
    public async Task PostObjects_StixBundle_IsAcceptedLikeAnEnvelope()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();
        var bundle = "{\"type\":\"bundle\",\"id\":\"bundle--5d0f7a2e-6c1b-4e3f-9a8d-7b6c5d4e3f2a\",\"objects\":[" + PushTestServer.IndicatorJson(1) + "]}";

        using var response = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), bundle, PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task GetCollections_AuthenticatedUser_ListsWriteOnlyCollectionsWithItsPermissions()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await GetAsync(client, new Uri(server.Host.ApiRootUrl, "collections/"), PushTestServer.Basic("bob", "bob-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = await TaxiiHttp.ReadJsonAsync(response);
        var collections = body.RootElement.GetProperty("collections").EnumerateArray().ToList();
        collections.Select(c => c.GetProperty("id").GetString()).Should().Equal(PushTestServer.Shared, PushTestServer.Restricted);
        collections.Should().OnlyContain(c => !c.GetProperty("can_read").GetBoolean());
        collections.Select(c => c.GetProperty("can_write").GetBoolean()).Should().Equal(true, false);
    }

    [Fact]
    public async Task GetCollection_ById_SaysCanWriteAndCannotRead()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await GetAsync(client, server.Host.GetCollectionUrl(PushTestServer.Shared), PushTestServer.Alice);

        using var body = await TaxiiHttp.ReadJsonAsync(response);
        body.RootElement.GetProperty("can_write").GetBoolean().Should().BeTrue();
        body.RootElement.GetProperty("can_read").GetBoolean().Should().BeFalse();
        body.RootElement.GetProperty("title").GetString().Should().Be("Shared feed");
    }

    [Fact]
    public async Task GetApiRoot_Authenticated_AdvertisesMaxContentLength()
    {
        await using var server = await PushTestServer.StartAsync(maxContentLength: 4096);
        using var client = TaxiiHttp.CreateClient();

        using var response = await GetAsync(client, server.Host.ApiRootUrl, PushTestServer.Partner);
        using var body = await TaxiiHttp.ReadJsonAsync(response);

        body.RootElement.GetProperty("max_content_length").GetInt64().Should().Be(4096);
        body.RootElement.GetProperty("versions")[0].GetString().Should().Be("application/taxii+json;version=2.1");
    }

    [Fact]
    public async Task GetDiscovery_WithoutCredentials_Returns401()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var anonymous = await GetAsync(client, server.Host.DiscoveryUrl, null);
        using var authenticated = await GetAsync(client, server.Host.DiscoveryUrl, PushTestServer.Alice);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        authenticated.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = await TaxiiHttp.ReadJsonAsync(authenticated);
        body.RootElement.GetProperty("api_roots")[0].GetString().Should().Be("/push/");
    }

    [Fact]
    public async Task GetObjects_OnPushCollection_Returns403()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();

        using var response = await GetAsync(client, server.Host.GetObjectsUrl(PushTestServer.Shared), PushTestServer.Alice);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetStatus_UnknownOrSomeoneElses_Returns404()
    {
        await using var server = await PushTestServer.StartAsync();
        using var client = TaxiiHttp.CreateClient();
        string statusId;
        using (var posted = await PostAsync(client, server.Host.GetObjectsUrl(PushTestServer.Restricted), PushTestServer.Envelope(1), PushTestServer.Alice))
        using (var status = await TaxiiHttp.ReadJsonAsync(posted))
        {
            statusId = status.RootElement.GetProperty("id").GetString()!;
        }

        using var unknown = await GetAsync(client, server.Host.GetStatusUrl("2f1e0d9c-8b7a-4654-9321-0fedcba98765"), PushTestServer.Alice);
        using var someoneElses = await GetAsync(client, server.Host.GetStatusUrl(statusId), PushTestServer.Basic("bob", "bob-secret"));
        using var own = await GetAsync(client, server.Host.GetStatusUrl(statusId), PushTestServer.Alice);

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ShouldBeErrorAsync(unknown, 404);
        someoneElses.StatusCode.Should().Be(HttpStatusCode.NotFound);
        own.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartAsync_UserWithoutSecret_Throws()
    {
        var options = new TaxiiPushHostOptions
        {
            ApiRoot = "push",
            Title = "Push endpoint",
            ApiRootTitle = "Push API root",
            MaxContentLength = 10 * 1024 * 1024,
            SpoolDirectory = Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid()),
            Collections = [new TaxiiPushCollection(PushTestServer.Shared, "Shared")],
            Users = [new TaxiiPushUser("nobody") { Collections = ["*"] }],
        };

        var act = () => TaxiiPushHost.StartAsync(options);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Logging_EveryAuthOutcomeAtTraceLevel_NeverContainsASecret()
    {
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var spool = Directory.CreateTempSubdirectory("taxii-push-logs-");
        try
        {
            await using (var host = await TaxiiPushHost.StartAsync(new TaxiiPushHostOptions
            {
                ApiRoot = "push",
                Title = "Push endpoint",
                ApiRootTitle = "Push API root",
                MaxContentLength = 10 * 1024 * 1024,
                SpoolDirectory = spool.FullName,
                LoggerFactory = loggerFactory,
                Collections = [new TaxiiPushCollection(PushTestServer.Shared, "Shared"), new TaxiiPushCollection(PushTestServer.Restricted, "Restricted")],
                Users =
                [
                    new TaxiiPushUser("alice") { Password = PushTestServer.AlicePassword, Collections = [PushTestServer.Shared] },
                    new TaxiiPushUser("partner") { BearerToken = PushTestServer.PartnerToken, Collections = ["*"] },
                ],
            }))
            {
                using var client = TaxiiHttp.CreateClient();
                var url = host.GetObjectsUrl(PushTestServer.Shared);
                (await PostAsync(client, url, PushTestServer.Envelope(1), PushTestServer.Alice)).Dispose();
                (await PostAsync(client, url, PushTestServer.Envelope(1), PushTestServer.Partner)).Dispose();
                (await PostAsync(client, url, PushTestServer.Envelope(1), PushTestServer.Basic("alice", PushTestServer.AlicePassword + "x"))).Dispose();
                (await PostAsync(client, url, PushTestServer.Envelope(1), new AuthenticationHeaderValue("Bearer", PushTestServer.PartnerToken + "x"))).Dispose();
                (await PostAsync(client, host.GetObjectsUrl(PushTestServer.Restricted), PushTestServer.Envelope(1), PushTestServer.Alice)).Dispose();
                (await PostAsync(client, url, "not json", PushTestServer.Alice)).Dispose();
            }

            var secrets = new[]
            {
                PushTestServer.AlicePassword,
                PushTestServer.PartnerToken,
                Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + PushTestServer.AlicePassword)),
            };
            provider.Lines.Should().Contain(line => line.Contains("Rejected", StringComparison.Ordinal), "the failures were logged");
            provider.Lines.Should().Contain(line => line.Contains("Accepted", StringComparison.Ordinal));
            foreach (var secret in secrets)
            {
                provider.Lines.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal));
            }
        }
        finally
        {
            spool.Delete(recursive: true);
        }
    }

    [Fact]
    public void ToString_PushUser_NeverShowsSecrets()
    {
        var user = new TaxiiPushUser("alice") { Password = PushTestServer.AlicePassword, BearerToken = PushTestServer.PartnerToken };

        user.ToString().Should().Contain("alice").And.NotContain(PushTestServer.AlicePassword).And.NotContain(PushTestServer.PartnerToken);
    }

    private static HttpRequestMessage Post(Uri url, string body, AuthenticationHeaderValue? authorization, string accept = TaxiiHttp.MediaType, string contentType = TaxiiHttp.MediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Authorization = authorization;
        return request;
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, Uri url, string body, AuthenticationHeaderValue? authorization, string accept = TaxiiHttp.MediaType, string contentType = TaxiiHttp.MediaType)
    {
        using var request = Post(url, body, authorization, accept, contentType);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", TaxiiHttp.MediaType);
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    private static async Task ShouldBeErrorAsync(HttpResponseMessage response, int status)
    {
        TaxiiHttp.ContentType(response).Should().Be("application/taxii+json;version=2.1");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        body.RootElement.GetProperty("http_status").GetString().Should().Be(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<SpooledEnvelope> FirstPendingAsync(TaxiiPushSpool spool)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var envelope in spool.ReadPendingAsync(timeout.Token))
        {
            return envelope;
        }

        throw new InvalidOperationException("The spool ended.");
    }
}
