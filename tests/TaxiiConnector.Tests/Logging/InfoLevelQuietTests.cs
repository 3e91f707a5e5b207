using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.Logging;

/// <summary>
/// "info stays quiet": a correct <c>run --once</c> at the default level prints what will run (the schedule, the collections
/// selected), one line per collection and one summary line, nothing else. A source that fails is never summed up as a
/// success with "0 collections ... 0 failed".
/// </summary>
public sealed class InfoLevelQuietTests : IDisposable
{
    private const string MediaType = "application/taxii+json;version=2.1";
    private static readonly string[] CollectionIds = ["91a7b528-80eb-42ed-a74d-c6fbd5a26116", "52892447-4d7e-4f70-b94d-d7f22742ff63"];

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly TestConfiguration _config = new();
    private readonly ConcurrentLogWriter _log = new();

    [Fact]
    public async Task RunOnce_InfoLevelTwoCollections_PrintsTwoStartLinesOneLinePerCollectionAndOneSummary()
    {
        ServeTwoCollections();

        var exitCode = await RunOnceAsync();

        var lines = Lines();
        exitCode.Should().Be(0, _log.ToString());
        lines.Should().HaveCount(5, _log.ToString());
        lines[0].Should().Contain("INF] TaxiiConnector.Scheduling.ConnectorScheduler: Scheduler started: runs once");
        lines[1].Should().Contain("INF] TaxiiConnector.Sources.Taxii2.Taxii2Source: taxii2: 2 of 2 collections selected");
        lines.Skip(2).Take(2).Should().OnlyContain(line => line.Contains("INF] TaxiiConnector.Pipeline.CollectionPump: taxii2 api1/", StringComparison.Ordinal)
            && line.Contains("1 objects in", StringComparison.Ordinal));
        lines[4].Should().Contain("INF] TaxiiConnector.Pipeline.ConnectorRunner: Source taxii2: 2 collections, 2 objects in, 2 out, 0 dropped, 0 failed");
    }

    [Fact]
    public async Task RunOnce_SourceFails_IsNotSummedUpAsZeroCollectionsWithZeroFailures()
    {
        // 401 is not retried, so the source fails at once.
        _server.Given(Request.Create().WithPath("/taxii2/").UsingGet()).RespondWith(Response.Create().WithStatusCode(401));

        var exitCode = await RunOnceAsync();

        var lines = Lines();
        exitCode.Should().Be(1, _log.ToString());
        lines.Should().NotContain(line => line.Contains("Source taxii2: 0 collections", StringComparison.Ordinal), "a failed source did not succeed with 0 failures");
        lines.Should().NotContain(line => line.Contains("0 failed", StringComparison.Ordinal));
        lines.Should().ContainSingle(line => line.Contains("ERR] TaxiiConnector.Pipeline.ConnectorRunner: Source taxii2 failed", StringComparison.Ordinal));
        lines[^1].Should().Contain("Run failed").And.Contain("exiting with code 1");
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _config.Dispose();
        _log.Dispose();
    }

    private void ServeTwoCollections()
    {
        Serve("/taxii2/", """{"title":"Test server","api_roots":["/api1/"]}""");
        Serve("/api1/", """{"title":"Root one","versions":["application/taxii+json;version=2.1"],"max_content_length":10485760}""");
        Serve("/api1/collections/", $$"""{"collections":[{"id":"{{CollectionIds[0]}}","title":"One","can_read":true,"can_write":false},{"id":"{{CollectionIds[1]}}","title":"Two","can_read":true,"can_write":false}]}""");
        for (var i = 0; i < CollectionIds.Length; i++)
        {
            _server.Given(Request.Create().WithPath($"/api1/collections/{CollectionIds[i]}/objects/").UsingGet())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType)
                    .WithHeader("X-TAXII-Date-Added-First", "2026-03-10T09:15:02.123Z").WithHeader("X-TAXII-Date-Added-Last", "2026-03-10T09:15:02.123Z")
                    .WithBody($$"""{"more":false,"objects":[{"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9c-feb398cd006{{i}}","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"Example","is_family":true}]}"""));
        }
    }

    [Fact]
    public async Task RunOnce_SelectionMatchesNothing_OneErrorLineNamingTheSettingAndNoZeroSelectedLine()
    {
        ServeTwoCollections();

        var exitCode = await RunOnceAsync(("TAXII2_COLLECTIONS", "api1.Newcomer fed"));

        var lines = Lines();
        exitCode.Should().Be(1, _log.ToString());
        lines.Should().NotContain(line => line.Contains("collections selected", StringComparison.Ordinal), "nothing was selected; the error says why");
        lines.Should().ContainSingle(line => line.Contains("ERR]", StringComparison.Ordinal) && line.Contains("TAXII2_COLLECTIONS", StringComparison.Ordinal)
            && line.Contains("'api1.Newcomer fed' matches no collection", StringComparison.Ordinal));
    }

    private async Task<int> RunOnceAsync(params (string Name, string Value)[] settings)
    {
        // The default level: CONNECTOR_LOG_LEVEL is not set.
        var environment = TestConfiguration.With([("TAXII2_DISCOVERY_URL", _server.Url + "/taxii2/"), .. settings]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        return await ConnectorApp.RunAsync(["run", "--once", "--dry-run", "--output", Path.Combine(_config.Directory, "output")], environment,
            new CommandOutput(stdout, stderr) { Log = _log }, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private List<string> Lines() => [.. _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private void Serve(string path, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType).WithBody(body));
}
