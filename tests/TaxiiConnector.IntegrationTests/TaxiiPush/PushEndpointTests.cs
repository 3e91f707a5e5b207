using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.Taxii.DependencyInjection;
using TaxiiConnector.Taxii.Taxii2;
using TaxiiConnector.Taxii.Taxii2.Resources;
using static TaxiiConnector.IntegrationTests.TaxiiPush.PushConnector;

namespace TaxiiConnector.IntegrationTests.TaxiiPush;

/// <summary>
/// The push endpoint as the connector runs it (host configuration from <c>TAXII_PUSH_*</c>), over real HTTP on loopback:
/// the project's own TAXII client posts and polls, objects arrive in the sink through the transformer, and the status
/// resource reports what became of each object.
/// </summary>
public sealed class PushEndpointTests
{
    [Fact]
    public async Task AddObjects_ThroughOwnClient_StatusCompleteAndObjectsReachTheSinkTransformed()
    {
        await using var connector = await StartAsync(
            ("TAXII_PUSH_COPY_CONFIDENCE_TO_SCORE", "true"),
            ("TAXII_PUSH_CREATE_AUTHOR", "true"),
            ("TAXII_PUSH_AUTHOR_NAME", "Partner A Org"));
        await using var provider = ClientServices(options =>
        {
            options.Username = "alice";
            options.Password = AlicePassword;
        });
        var client = provider.GetRequiredService<Taxii2Client>();

        var discovery = await client.DiscoverAsync(connector.Endpoint.DiscoveryUrl);
        var collections = await client.GetCollectionsAsync(discovery.ApiRoots.Single());
        var collection = collections.Single(c => c.Id == CollectionA);
        var accepted = await client.AddObjectsAsync(collection, PushEnvelopes.Utf8(PushEnvelopes.Envelope(
            PushEnvelopes.Indicator(1, confidence: 85), PushEnvelopes.Indicator(2, confidence: 15), PushEnvelopes.Malware)));
        var status = await PollUntilCompleteAsync(client, collection.ApiRootUrl, accepted.Id);

        collection.CanWrite.Should().BeTrue();
        collection.CanRead.Should().BeFalse();
        accepted.TotalCount.Should().Be(3);
        status.TotalCount.Should().Be(3);
        status.SuccessCount.Should().Be(3);
        status.FailureCount.Should().Be(0);
        status.PendingCount.Should().Be(0);
        status.Successes.Select(s => s.Id).Should().BeEquivalentTo(PushEnvelopes.IndicatorId(1), PushEnvelopes.IndicatorId(2), PushEnvelopes.MalwareId);

        var objects = connector.Sink.Objects;
        var indicators = objects.Where(o => o.GetProperty("type").GetString() == "indicator").ToDictionary(o => o.GetProperty("id").GetString()!);
        indicators.Keys.Should().BeEquivalentTo(PushEnvelopes.IndicatorId(1), PushEnvelopes.IndicatorId(2));
        indicators[PushEnvelopes.IndicatorId(1)].GetProperty("x_opencti_score").GetInt32().Should().Be(85, "confidence is copied to the score");
        indicators[PushEnvelopes.IndicatorId(2)].GetProperty("x_opencti_score").GetInt32().Should().Be(15);
        var author = objects.Single(o => o.GetProperty("type").GetString() == "identity");
        author.GetProperty("name").GetString().Should().Be("Partner A Org");
        indicators.Values.Should().OnlyContain(o => o.GetProperty("created_by_ref").GetString() == author.GetProperty("id").GetString());
        objects.Should().Contain(o => o.GetProperty("id").GetString() == PushEnvelopes.MalwareId);
        connector.Sink.Contexts.Should().OnlyContain(c => c.Source == "taxii_push" && c.Collection == "Partner A");
    }

    [Fact]
    public async Task AddObjects_ObjectTypeFilteredByConfiguration_ReportedAsFailureWithTheReason()
    {
        await using var connector = await StartAsync(
            ("TAXII_PUSH_IGNORE_OBJECT_TYPES", "true"),
            ("TAXII_PUSH_OBJECT_TYPES_TO_IGNORE", "malware"));
        using var http = PushHttp.CreateClient();

        using var response = await http.SendAsync(PushHttp.Post(connector.Endpoint.GetObjectsUrl(CollectionB),
            PushEnvelopes.Utf8(PushEnvelopes.Envelope(PushEnvelopes.Indicator(7), PushEnvelopes.Malware)), PushHttp.Bearer(PartnerToken)));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var statusId = (await PushHttp.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        var status = await PollRawUntilCompleteAsync(http, connector, statusId, PushHttp.Bearer(PartnerToken));

        status.GetProperty("success_count").GetInt32().Should().Be(1);
        status.GetProperty("failure_count").GetInt32().Should().Be(1);
        var failure = status.GetProperty("failures").EnumerateArray().Single();
        failure.GetProperty("id").GetString().Should().Be(PushEnvelopes.MalwareId);
        failure.GetProperty("message").GetString().Should().Contain("ignored_object_type");
        connector.Sink.Objects.Select(o => o.GetProperty("id").GetString()).Should().Equal(PushEnvelopes.IndicatorId(7));
    }

    [Fact]
    public async Task AddObjects_SinkFailingThenRecovering_PendingUntilAcknowledgedThenCompleteNothingLost()
    {
        await using var connector = await StartAsync();
        connector.Sink.Failing = true;
        using var http = PushHttp.CreateClient();

        using var response = await http.SendAsync(PushHttp.Post(connector.Endpoint.GetObjectsUrl(CollectionA),
            PushEnvelopes.Utf8(PushEnvelopes.Indicators(5)), PushHttp.Basic("alice", AlicePassword)));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var statusId = (await PushHttp.ReadJsonAsync(response)).GetProperty("id").GetString()!;

        // Several envelope-level retries (each with the pipeline's own push attempts) have failed by now.
        await Eventually.HoldsAsync(() => Volatile.Read(ref connector.Sink.RefusedAttempts) >= 6, "the sink refused six pushes");
        using (var pending = await http.SendAsync(PushHttp.Get(connector.Endpoint.GetStatusUrl(statusId), PushHttp.Basic("alice", AlicePassword))))
        {
            var body = await PushHttp.ReadJsonAsync(pending);
            body.GetProperty("status").GetString().Should().Be("pending", "nothing is complete before the sink acknowledged it");
            body.GetProperty("pending_count").GetInt32().Should().Be(5);
            body.GetProperty("success_count").GetInt32().Should().Be(0);
        }

        connector.Sink.Objects.Should().BeEmpty();
        connector.Sink.Failing = false;
        var status = await PollRawUntilCompleteAsync(http, connector, statusId, PushHttp.Basic("alice", AlicePassword));

        status.GetProperty("success_count").GetInt32().Should().Be(5);
        connector.Sink.Objects.Select(o => o.GetProperty("id").GetString()).Distinct()
            .Should().BeEquivalentTo(Enumerable.Range(0, 5).Select(PushEnvelopes.IndicatorId));
    }

    [Fact]
    public async Task Logs_DebugLevelWithFailedAuthAndFailingSink_NeverContainPasswordsOrTokens()
    {
        await using var connector = await StartAsync(("CONNECTOR_LOG_LEVEL", "debug"));
        using var http = PushHttp.CreateClient();
        connector.Sink.Failing = true;

        (await http.SendAsync(PushHttp.Post(connector.Endpoint.GetObjectsUrl(CollectionA), PushEnvelopes.Utf8(PushEnvelopes.Indicators(1)),
            PushHttp.Basic("alice", AlicePassword + "-wrong")))).Dispose();
        (await http.SendAsync(PushHttp.Post(connector.Endpoint.GetObjectsUrl(CollectionA), PushEnvelopes.Utf8(PushEnvelopes.Indicators(1)),
            PushHttp.Bearer(PartnerToken + "-wrong")))).Dispose();
        using var accepted = await http.SendAsync(PushHttp.Post(connector.Endpoint.GetObjectsUrl(CollectionB), PushEnvelopes.Utf8(PushEnvelopes.Indicators(1)),
            PushHttp.Bearer(PartnerToken)));
        var statusId = (await PushHttp.ReadJsonAsync(accepted)).GetProperty("id").GetString()!;
        await Eventually.HoldsAsync(() => Volatile.Read(ref connector.Sink.RefusedAttempts) >= 2, "the sink refused a push");
        connector.Sink.Failing = false;
        await PollRawUntilCompleteAsync(http, connector, statusId, PushHttp.Bearer(PartnerToken));

        // The consumer logs the delivered envelope just after its status turns complete.
        await Eventually.HoldsAsync(() => connector.Log.ToString().Contains("Push envelope " + statusId, StringComparison.Ordinal),
            "the capture holds the consumer's lines");
        var log = connector.Log.ToString();
        log.Should().Contain("Could not deliver push envelope " + statusId);
        foreach (var secret in new[] { AlicePassword, PartnerToken })
        {
            log.Should().NotContain(secret);
        }
    }

    internal static ServiceProvider ClientServices(Action<Taxii2ClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTaxii2Client(options =>
        {
            options.Version = TaxiiVersion.V21;
            options.MaxRetries = 0;
            options.Tls.VerifySsl = true;
            options.AttemptTimeout = TimeSpan.FromSeconds(60);
            options.TotalTimeout = TimeSpan.FromMinutes(10);
            options.MaxResponseBytes = 256L * 1024 * 1024;
            options.MaxPages = 100_000;
            configure(options);
        });
        return services.BuildServiceProvider();
    }

    private static async Task<TaxiiStatus> PollUntilCompleteAsync(Taxii2Client client, Uri apiRoot, string statusId)
    {
        TaxiiStatus? status = null;
        await Eventually.HoldsAsync(async () =>
        {
            status = await client.GetStatusAsync(apiRoot, statusId, TaxiiVersion.V21);
            return status.IsComplete;
        });
        return status!;
    }

    internal static async Task<JsonElement> PollRawUntilCompleteAsync(HttpClient http, PushConnector connector, string statusId, System.Net.Http.Headers.AuthenticationHeaderValue auth)
    {
        JsonElement status = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await http.SendAsync(PushHttp.Get(connector.Endpoint.GetStatusUrl(statusId), auth));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            status = await PushHttp.ReadJsonAsync(response);
            return status.GetProperty("status").GetString() == "complete";
        });
        return status;
    }


}
