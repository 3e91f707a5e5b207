using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.Logging;

/// <summary>
/// What a whole <c>run --once</c> prints at info level: the connector's own lines, not one line per HTTP request
/// (Polly's "Execution attempt", HttpClient's request/response lines), while a retried request stays visible.
/// </summary>
public sealed class ConnectorLoggingTests : IDisposable
{
    private const string MediaType = "application/taxii+json;version=2.1";
    private const string CollectionId = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    private const string ObjectsPath = $"/api1/collections/{CollectionId}/objects/";

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly TestConfiguration _config = new();
    private readonly StringWriter _log = new();

    public ConnectorLoggingTests()
    {
        Serve("/taxii2/", """{"title":"Test server","api_roots":["/api1/"]}""");
        Serve("/api1/", """{"title":"Root one","versions":["application/taxii+json;version=2.1"],"max_content_length":10485760}""");
        Serve("/api1/collections/", $$"""{"collections":[{"id":"{{CollectionId}}","title":"Indicators","can_read":true,"can_write":false,"media_types":["application/stix+json;version=2.1"]}]}""");
    }

    [Fact]
    public async Task RunOnce_InfoLevelAndEveryRequestSucceeds_PrintsNoPerRequestLines()
    {
        ServeObjects(_server.Given(Request.Create().WithPath(ObjectsPath).UsingGet()));

        var exitCode = await RunOnceAsync("info");

        var lines = LogLines();
        exitCode.Should().Be(0, _log.ToString());
        _server.LogEntries.Should().HaveCount(4, "discovery, API root, collections and objects were each requested once");
        lines.Should().Contain(line => line.Contains("1 objects in", StringComparison.Ordinal), "the run's own summary lines stay");
        lines.Should().NotContain(line => line.Contains("Execution attempt", StringComparison.Ordinal));
        lines.Should().NotContain(line => line.Contains("HTTP request", StringComparison.Ordinal) || line.Contains("HTTP response", StringComparison.Ordinal));
        lines.Should().NotContain(line => line.Contains(" Polly:", StringComparison.Ordinal) || line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_InfoLevelAndOneRequestRetried_PrintsOneLineForTheRetry()
    {
        _server.Given(Request.Create().WithPath(ObjectsPath).UsingGet())
            .InScenario("busy").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));
        ServeObjects(_server.Given(Request.Create().WithPath(ObjectsPath).UsingGet()).InScenario("busy").WhenStateIs("recovered"));

        var exitCode = await RunOnceAsync("info");

        var lines = LogLines();
        exitCode.Should().Be(0, _log.ToString());
        _server.LogEntries.Should().HaveCount(5);
        // Matched on the retry line, not on "503" alone: cursors and timestamps in other lines can hold those digits.
        lines.Where(line => line.Contains("retry 1 of", StringComparison.Ordinal)).Should().ContainSingle(_log.ToString())
            .Which.Should().Contain("WRN] TaxiiConnector.Taxii.Retry: GET " + _server.Url + ObjectsPath).And.Contain("(HTTP 503)");
        lines.Should().NotContain(line => line.Contains("Polly", StringComparison.Ordinal), "Polly's own attempt lines (with traces) are debug material");
    }

    [Fact]
    public async Task RunOnce_DebugLevel_KeepsHttpClientRequestLines()
    {
        ServeObjects(_server.Given(Request.Create().WithPath(ObjectsPath).UsingGet()));

        var exitCode = await RunOnceAsync("debug");

        exitCode.Should().Be(0, _log.ToString());
        LogLines().Should().Contain(line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal) && line.Contains("HTTP request", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _config.Dispose();
        _log.Dispose();
    }

    private async Task<int> RunOnceAsync(string level)
    {
        var environment = TestConfiguration.With(
            ("TAXII2_DISCOVERY_URL", _server.Url + "/taxii2/"),
            ("CONNECTOR_LOG_LEVEL", level));
        var output = Path.Combine(_config.Directory, "output");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        return await ConnectorApp.RunAsync(["run", "--once", "--dry-run", "--output", output], environment,
            new CommandOutput(stdout, stderr) { Log = _log }, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private List<string> LogLines() => [.. _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private void Serve(string path, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType).WithBody(body));

    private static void ServeObjects(WireMock.Server.IRespondWithAProvider request) =>
        request.RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType)
            .WithHeader("X-TAXII-Date-Added-First", "2026-03-10T09:15:02.123Z").WithHeader("X-TAXII-Date-Added-Last", "2026-03-10T09:15:02.123Z")
            .WithBody("""{"more":false,"objects":[{"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9c-feb398cd0061","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"Example","is_family":true}]}"""));
}
