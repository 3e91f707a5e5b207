using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Cli;
using TaxiiConnector.IntegrationTests.Infrastructure;
using TaxiiConnector.Testing;
using TaxiiConnector.Testing.Faults;
using TaxiiConnector.Testing.Time;
using TaxiiConnector.Server.Hosting;

namespace TaxiiConnector.IntegrationTests.Observability;

/// <summary>
/// The real host (scheduler, pipeline, directory sink, observability) against the project's own TAXII 2.1 server on
/// loopback, on a fake clock: what <c>/metrics</c> and <c>/readyz</c> say must be what the run did.
/// </summary>
public sealed class MetricsEndpointTests
{
    private const int PageSize = 10;
    private const string Source = "taxii2";
    private static readonly DateTimeOffset Start = TestCollection.FirstDateAdded.AddHours(1);

    [Fact]
    public async Task Metrics_AfterARun_ExposeEveryMetricWithTheRunsValues()
    {
        var collection = new TestCollection(45);
        var plan = new ScriptedFaultPlan()
            .OnPage(2, TaxiiFault.InvalidObject(position: 4))
            .OnPage(4, TaxiiFault.InternalServerError());
        await using var server = await StartServerAsync(collection, plan);
        using var output = new TempDirectory();
        var fake = new FakeTimeProvider(Start);
        var time = new TimerWatchingTimeProvider(fake);
        await using var connector = CreateConnector(server, output, time);
        await connector.StartAsync();

        await WaitForRunsAsync(connector, time, 1);
        var metrics = await connector.ScrapeAsync();

        var labels = new[] { ("source", Source), ("collection", CollectionName(collection)) };
        var pages = (collection.Count + PageSize - 1) / PageSize;
        var written = BundleFiles.Objects(output.Path).Count(o => o.Type == "indicator");
        written.Should().Be(collection.Count);
        metrics.Value("taxii_connector_objects_fetched_total", labels).Should().Be(collection.Count + 1, "the server served every object plus one without an id");
        metrics.Value("taxii_connector_objects_pushed_total", labels).Should().Be(written);
        metrics.Value("taxii_connector_objects_dropped_total", [.. labels, ("reason", "missing_id")]).Should().Be(1);
        metrics.Value("taxii_connector_pages_total", labels).Should().Be(pages);
        metrics.Value("taxii_connector_push_retries_total", labels).Should().Be(0);

        var host = server.BaseUrl.Authority;
        plan.Injected.Should().HaveCount(2);
        metrics.Value("taxii_connector_http_requests_total", ("host", host), ("status", "500")).Should().Be(1);
        // The 500 is answered by the fault middleware in front of the endpoints, so the server counts only the 200s.
        metrics.Value("taxii_connector_http_requests_total", ("host", host), ("status", "200")).Should().Be(server.RequestCount);
        metrics.Value("taxii_connector_http_retries_total", ("host", host)).Should().Be(1);

        metrics.Value("taxii_connector_runs_total", ("source", Source), ("result", "success")).Should().Be(1);
        metrics.Value("taxii_connector_run_duration_seconds_count", ("source", Source)).Should().Be(1);
        metrics.Value("taxii_connector_source_last_run_succeeded", ("source", Source)).Should().Be(1);
        metrics.Value("taxii_connector_source_running", ("source", Source)).Should().Be(0);
        var now = time.GetUtcNow();
        metrics.Value("taxii_connector_last_successful_run_timestamp_seconds", ("source", Source))
            .Should().BeInRange(Start.ToUnixTimeSeconds(), now.ToUnixTimeMilliseconds() / 1000.0);

        var lastDateAdded = TestCollection.FirstDateAdded.AddSeconds(collection.Count - 1);
        metrics.Value("taxii_connector_collection_lag_seconds", labels).Should().BeApproximately((now - lastDateAdded).TotalSeconds, 0.001);
        metrics.Value("taxii_connector_collection_seconds_since_last_new_object", labels).Should().BeInRange(0, (now - Start).TotalSeconds);
        metrics.Value("taxii_connector_buffering").Should().Be(0);
        metrics.HasMetricFamily("taxii_connector_push_endpoint_envelopes_total").Should().BeTrue();
    }

    [Fact]
    public async Task Metrics_LaterRunsBringNothingNew_LagAndSilenceGrowWhileRunsSucceed()
    {
        var collection = new TestCollection(12);
        await using var server = await StartServerAsync(collection, plan: null);
        using var output = new TempDirectory();
        var fake = new FakeTimeProvider(Start);
        var time = new TimerWatchingTimeProvider(fake);
        await using var connector = CreateConnector(server, output, time);
        await connector.StartAsync();
        await WaitForRunsAsync(connector, time, 1);
        var first = await connector.ScrapeAsync();
        var firstScraped = time.GetUtcNow();
        var labels = new[] { ("source", Source), ("collection", CollectionName(collection)) };

        fake.Advance(TimeSpan.FromHours(1));
        await WaitForRunsAsync(connector, time, 2);
        var second = await connector.ScrapeAsync();

        // Driving the runs may also move the clock to a timer the second run waits on, so the gauges grow by the
        // clock's whole advance: at least the hour.
        var advance = (time.GetUtcNow() - firstScraped).TotalSeconds;
        advance.Should().BeGreaterThanOrEqualTo(3600);

        second.Value("taxii_connector_runs_total", ("source", Source), ("result", "success")).Should().Be(2);
        second.Value("taxii_connector_objects_fetched_total", labels).Should().Be(collection.Count, "the second run found nothing new");
        second.Value("taxii_connector_collection_lag_seconds", labels)
            .Should().BeApproximately(first.Value("taxii_connector_collection_lag_seconds", labels) + advance, 0.001);
        second.Value("taxii_connector_collection_seconds_since_last_new_object", labels)
            .Should().BeApproximately(first.Value("taxii_connector_collection_seconds_since_last_new_object", labels) + advance, 0.001);
    }

    [Fact]
    public async Task Readyz_CredentialsRefusedThenAccepted_TurnsNotReadyNamingTheSettingThenReadyAgain()
    {
        // Issue 16: readiness is about what a person must fix; a 401 is that, and it is never retried.
        var collection = new TestCollection(20);
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.Status(401));
        await using var server = await StartServerAsync(collection, plan);
        using var output = new TempDirectory();
        var fake = new FakeTimeProvider(Start);
        var time = new TimerWatchingTimeProvider(fake);
        await using var connector = CreateConnector(server, output, time);
        await connector.StartAsync();

        await WaitForRunsAsync(connector, time, 1);
        var failed = await connector.GetAsync("readyz");
        var live = await connector.GetAsync("healthz");

        failed.Status.Should().Be(503);
        failed.Body.Should().Contain("\"not ready\"").And.Contain("source taxii2: " + CollectionName(collection)).And.Contain("TAXII2_USERNAME");
        live.Status.Should().Be(200, "the process is alive even when a source fails");
        plan.Injected.Should().ContainSingle("a 401 is not retried");
        (await connector.ScrapeAsync()).Value("taxii_connector_source_last_run_succeeded", ("source", Source)).Should().Be(0);

        fake.Advance(TimeSpan.FromHours(1));
        await WaitForRunsAsync(connector, time, 2);
        var recovered = await connector.GetAsync("readyz");

        recovered.Status.Should().Be(200, recovered.Body);
        recovered.Body.Should().Contain("\"ready\"");
    }

    [Fact]
    public async Task Readyz_TransientServerError_StaysReadyWhileTheMetricShowsTheFailure()
    {
        var collection = new TestCollection(20);
        var plan = new ScriptedFaultPlan().OnPage(1, TaxiiFault.InternalServerError());
        await using var server = await StartServerAsync(collection, plan);
        using var output = new TempDirectory();
        var fake = new FakeTimeProvider(Start);
        var time = new TimerWatchingTimeProvider(fake);
        await using var connector = CreateConnector(server, output, time, ("TAXII2_MAX_RETRIES", "0"));
        await connector.StartAsync();

        await WaitForRunsAsync(connector, time, 1);
        var ready = await connector.GetAsync("readyz");

        ready.Status.Should().Be(200, ready.Body);
        (await connector.ScrapeAsync()).Value("taxii_connector_source_last_run_succeeded", ("source", Source)).Should().Be(0);
    }

    [Fact]
    public async Task HealthzLag_CollectionLagAboveMaxLag_NamesTheCollectionWhileReadyzStaysReady()
    {
        // Issue 16: a weekly feed kept /readyz at 503 and a rollout hung; lag is a separate view and a metric.
        var collection = new TestCollection(5);
        await using var server = await StartServerAsync(collection, plan: null);
        using var output = new TempDirectory();
        var fake = new FakeTimeProvider(Start);
        var time = new TimerWatchingTimeProvider(fake);
        await using var connector = CreateConnector(server, output, time, ("METRICS_MAX_LAG", "PT2H"));
        await connector.StartAsync();
        await WaitForRunsAsync(connector, time, 1);
        (await connector.GetAsync("healthz?lag")).Status.Should().Be(200, "the newest object is an hour old");

        fake.Advance(TimeSpan.FromHours(1));
        await WaitForRunsAsync(connector, time, 2);
        fake.Advance(TimeSpan.FromHours(1));
        await WaitForRunsAsync(connector, time, 3);
        var stale = await connector.GetAsync("healthz?lag");
        var ready = await connector.GetAsync("readyz");

        stale.Status.Should().Be(503);
        stale.Body.Should().Contain(CollectionName(collection)).And.Contain("is above metrics.max_lag PT2H").And.Contain("\"lagging\"");
        ready.Status.Should().Be(200, ready.Body);
    }

    private static string CollectionName(TestCollection collection) => $"api1/{collection.Title}";

    private static Task<TaxiiServerHost> StartServerAsync(TestCollection collection, IFaultPlan? plan) =>
        TaxiiServerHost.StartAsync(new TaxiiServerOptions { Store = collection.CreateStore(), DefaultPageSize = PageSize, ConfigureMiddleware = FaultInjectionMiddleware.For(plan) });

    private static ObservedConnectorHost CreateConnector(TaxiiServerHost server, TempDirectory output, TimeProvider time,
        params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["TAXII2_DISCOVERY_URL"] = server.DiscoveryUrl.AbsoluteUri,
            ["TAXII2_INITIAL_HISTORY"] = "87600",
            ["CONNECTOR_DURATION_PERIOD"] = "PT1H",
            ["CONNECTOR_LOG_LEVEL"] = "debug",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var invocation = new ConnectorInvocation { Command = "run", DryRun = true, OutputDirectory = output.Path };
        return ObservedConnectorHost.Create(environment, invocation, time);
    }

    /// <summary>
    /// Waits until <paramref name="runs"/> runs have ended, moving the clock to each back-off the run waits on (the
    /// hourly schedule and the request timeouts are further away than the horizon, so no other run starts).
    /// </summary>
    private static Task WaitForRunsAsync(ObservedConnectorHost connector, TimerWatchingTimeProvider time, int runs) =>
        time.DriveAsync(
            Eventually.HoldsAsync(() => connector.Runs.Current.CompletedRuns >= runs, $"run {runs} ends; log:\n{connector.LogOutput}"),
            horizon: TimeSpan.FromSeconds(30));
}
