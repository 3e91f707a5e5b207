using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Tests.Sinks;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti.Tests.Works;

/// <summary>
/// <c>workAdd</c>, <c>addExpectations</c>, <c>stixBundlePush</c> and <c>workToProcessed</c> count or create something on
/// the platform, and pycti never retries them (pycti/api/opencti_api_work.py: one <c>api.query</c> each; its
/// <c>add_expectations</c> logs "Cannot report expectation" and carries on). Here the platform applies the call and then
/// fails to answer: the call must not be sent a second time. Only a call that never reached the platform is sent again.
/// </summary>
public sealed class MutationRetryTests : IDisposable
{
    private const int ExpectationsNotAddedEventId = 5132;

    private readonly FakeOpenCtiPlatform _platform = new();
    private readonly RecordingLoggerProvider _logs = new();

    public enum AnswerLost
    {
        BadGateway,
        ConnectionDropped,
    }

    public static TheoryData<string, AnswerLost> MutationsAndFailures()
    {
        var data = new TheoryData<string, AnswerLost>();
        foreach (var mutation in new[] { FakeOpenCtiPlatform.WorkAdd, FakeOpenCtiPlatform.AddExpectations, FakeOpenCtiPlatform.BundlePush, FakeOpenCtiPlatform.ToProcessed })
        {
            data.Add(mutation, AnswerLost.BadGateway);
            data.Add(mutation, AnswerLost.ConnectionDropped);
        }

        return data;
    }

    public static TheoryData<string> WorkMutations() =>
        new(FakeOpenCtiPlatform.WorkAdd, FakeOpenCtiPlatform.AddExpectations, FakeOpenCtiPlatform.ToProcessed);

    [Theory]
    [MemberData(nameof(MutationsAndFailures))]
    public async Task Mutation_AppliedThenAnswerLost_IsSentExactlyOnce(string mutation, AnswerLost kind)
    {
        // The drop happens on a kept-alive connection (registration used it first), where HttpClient itself would resend
        // a request whose connection closed before any answer byte if it took the close for an idle timeout.
        await using var frontEnd = new DroppingFrontEnd(_platform.Url);
        if (kind == AnswerLost.BadGateway)
        {
            _platform.ApplyThenBadGateway(mutation);
        }
        else
        {
            frontEnd.DropMarker = mutation;
        }

        using var services = _platform.BuildServices(o => (o.MaxRetryAttempts, o.Url) = (3, frontEnd.Url), more: Logs);
        await services.GetRequiredService<TaxiiConnector.OpenCti.Registration.ConnectorSession>().EnsureRegisteredAsync(CancellationToken.None);

        var act = () => SendAsync(services, mutation);

        if (mutation == FakeOpenCtiPlatform.AddExpectations)
        {
            await act.Should().NotThrowAsync("the bundle's messages are published anyway, as pycti does");
            _logs.Count(ExpectationsNotAddedEventId).Should().Be(1);
        }
        else
        {
            await act.Should().ThrowAsync<Exception>();
        }

        _platform.Requests(mutation).Should().HaveCount(1, "the platform may have applied it: a second one would count twice");
        _platform.ValidationFailures.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(WorkMutations))]
    public async Task Mutation_ConnectionRefusedTwice_IsSentAgainAndReachesThePlatformOnce(string mutation)
    {
        var handler = new RefusingHandler(mutation, refusals: 2);
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 3, after: s => s
            .AddHttpClient(OpenCtiServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));

        await SendAsync(services, mutation);

        handler.Refused.Should().Be(2);
        _platform.Requests(mutation).Should().HaveCount(1);
    }

    [Fact]
    public async Task StixBundlePush_ConnectionRefused_ReportedAsNotDeliveredForThePipelineToPushAgain()
    {
        // One layer retries it: the pipeline's bundle-push pipeline, not the HTTP one as well.
        var handler = new RefusingHandler(FakeOpenCtiPlatform.BundlePush, refusals: 1);
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 3, after: s => s
            .AddHttpClient(OpenCtiServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));

        var act = () => SendAsync(services, FakeOpenCtiPlatform.BundlePush);

        await act.Should().ThrowAsync<BundleNotDeliveredException>();
        handler.Refused.Should().Be(1);
        _platform.Requests(FakeOpenCtiPlatform.BundlePush).Should().BeEmpty();
        await SendAsync(services, FakeOpenCtiPlatform.BundlePush);
        _platform.Requests(FakeOpenCtiPlatform.BundlePush).Should().HaveCount(1);
    }

    [Fact]
    public async Task SafeCall_BadGateway_IsRetried()
    {
        // Queries and pingConnector (which also carries the state) are safe to repeat.
        _platform.FailFirst(FakeOpenCtiPlatform.QueueDetails, failures: 2, status: 502);
        using var services = _platform.BuildServices(o => o.MaxRetryAttempts = 3);

        await services.GetRequiredService<TaxiiConnector.OpenCti.Buffering.QueueBufferingCheck>().ShouldSkipRunAsync(CancellationToken.None);

        _platform.Requests(FakeOpenCtiPlatform.QueueDetails).Should().HaveCount(3);
    }

    [Fact]
    public async Task NeverReachedThePlatform_RealRefusedConnection_IsTrue()
    {
        using var client = new HttpClient();
        var refused = await Record(() => client.GetAsync(new Uri($"http://127.0.0.1:{FakeOpenCtiPlatform.FreePort()}/graphql")));

        OpenCtiRetryPredicate.NeverReachedThePlatform(refused).Should().BeTrue(refused?.ToString());
    }

    [Fact]
    public async Task NeverReachedThePlatform_RealDroppedConnectionAfterSending_IsFalse()
    {
        await using var frontEnd = new DroppingFrontEnd(_platform.Url) { DropMarker = FakeOpenCtiPlatform.WorkAdd };
        using var client = new HttpClient();
        using var content = new StringContent("{\"query\":" + System.Text.Json.JsonSerializer.Serialize(OpenCtiDocuments.WorkAdd)
            + ",\"variables\":{\"connectorId\":\"c\",\"friendlyName\":\"n\"}}");
        var dropped = await Record(() => client.PostAsync(new Uri(frontEnd.Url, "graphql"), content));

        dropped.Should().NotBeNull();
        OpenCtiRetryPredicate.NeverReachedThePlatform(dropped).Should().BeFalse(dropped!.ToString());
        OpenCtiRetryPredicate.NeverReachedThePlatform(new TimeoutException()).Should().BeFalse();
        OpenCtiRetryPredicate.NeverReachedThePlatform(new HttpRequestException("502", null, HttpStatusCode.BadGateway)).Should().BeFalse();
    }

    public void Dispose()
    {
        _platform.Dispose();
        _logs.Dispose();
    }

    private static async Task SendAsync(IServiceProvider services, string mutation)
    {
        var works = services.GetRequiredService<IWorkTracker>();
        switch (mutation)
        {
            case FakeOpenCtiPlatform.WorkAdd:
                await works.StartAsync("TAXII2 run", CancellationToken.None);
                break;
            case FakeOpenCtiPlatform.AddExpectations:
                await works.AddExpectationsAsync("work-1", 4, CancellationToken.None);
                break;
            case FakeOpenCtiPlatform.ToProcessed:
                await works.CompleteAsync("work-1", "done", inError: false, CancellationToken.None);
                break;
            default:
                using (var bundle = Bundles.Sample())
                {
                    await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext("work-1", "taxii2", "c1"), CancellationToken.None);
                }

                break;
        }
    }

    private static async Task<Exception?> Record(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            throw new InvalidOperationException($"answered HTTP {(int)response.StatusCode}, {response.Content.Headers.ContentLength} bytes: " + await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return ex;
        }
    }

    private void Logs(IServiceCollection services) => services.AddLogging(b => b.AddProvider(_logs));

    /// <summary>Fails the first sends of one operation as a refused connection does, before anything reaches the platform.</summary>
    private sealed class RefusingHandler : DelegatingHandler
    {
        private readonly string _marker;
        private readonly int _refusals;
        private int _refused;
        private int _sends;

        public RefusingHandler(string marker, int refusals)
            : base(new SocketsHttpHandler())
        {
            _marker = marker;
            _refusals = refusals;
        }

        public int Refused => Volatile.Read(ref _refused);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains(_marker, StringComparison.Ordinal) && Interlocked.Increment(ref _sends) <= _refusals)
            {
                Interlocked.Increment(ref _refused);
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:443)",
                    new SocketException((int)SocketError.ConnectionRefused));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
