using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using TaxiiConnector.Cli;
using TaxiiConnector.Logging;
using TaxiiConnector.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.Logging;

/// <summary>
/// <c>connector.log_format: json</c>: one JSON object per line with <c>timestamp</c>, <c>level</c> and the rendered
/// <c>message</c> on every line (Loki's json parser, Datadog's reserved attributes and Elastic all read these names), an
/// <c>exception</c> only when the event has one (debug level), and no secret anywhere.
/// </summary>
public sealed partial class JsonLogFormatTests : IDisposable
{
    private const string MediaType = "application/taxii+json;version=2.1";
    private const string CollectionId = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    private const string Password = "basic-password-json-7731";

    private static readonly string[] Levels = ["trace", "debug", "info", "warning", "error", "fatal"];

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly TestConfiguration _config = new();
    private readonly ConcurrentLogWriter _log = new();

    public JsonLogFormatTests()
    {
        Serve("/taxii2/", """{"title":"Test server","api_roots":["/api1/"]}""");
        Serve("/api1/", """{"title":"Root one","versions":["application/taxii+json;version=2.1"],"max_content_length":10485760}""");
        Serve("/api1/collections/", $$"""{"collections":[{"id":"{{CollectionId}}","title":"Indicators","can_read":true,"can_write":false}]}""");
        _server.Given(Request.Create().WithPath($"/api1/collections/{CollectionId}/objects/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType)
                .WithHeader("X-TAXII-Date-Added-First", "2026-03-10T09:15:02.123Z").WithHeader("X-TAXII-Date-Added-Last", "2026-03-10T09:15:02.123Z")
                .WithBody("""{"more":false,"objects":[{"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9c-feb398cd0061","created":"2026-03-01T00:00:00.000Z","modified":"2026-03-01T00:00:00.000Z","name":"Example","is_family":true}]}"""));
    }

    [Theory]
    [InlineData("info")]
    [InlineData("debug")]
    public async Task RunOnce_JsonFormat_EveryLineIsOneObjectWithLevelAndRenderedMessage(string level)
    {
        var exitCode = await RunOnceAsync(level);

        var text = _log.ToString();
        exitCode.Should().Be(0, text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty();
        var records = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        foreach (var record in records)
        {
            record.ValueKind.Should().Be(JsonValueKind.Object);
            record.GetProperty("timestamp").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
            record.GetProperty("level").GetString().Should().BeOneOf(Levels);
            var message = record.GetProperty("message").GetString();
            message.Should().NotBeNullOrWhiteSpace();
            Placeholder().IsMatch(message!).Should().BeFalse($"the message is rendered, not a template: {message}");
            record.TryGetProperty("exception", out _).Should().BeFalse("this run fails nowhere");
        }

        records.Should().Contain(record => record.GetProperty("level").GetString() == "info", "information lines carry their level too");
        records.Should().Contain(record => record.GetProperty("message").GetString()!.Contains("1 objects in", StringComparison.Ordinal)
            && record.GetProperty("logger").GetString() == "TaxiiConnector.Pipeline.CollectionPump"
            && record.GetProperty("event_id").GetInt32() > 0
            && Has(record, "event_name"));
        text.Should().NotContain(Password);
    }

    [Fact]
    public void Logger_JsonFormatAtDebug_WritesTheExceptionOnlyOnTheLineThatHasOne()
    {
        var lines = LogTwoLines("debug");

        lines[0].TryGetProperty("exception", out _).Should().BeFalse();
        lines[1].GetProperty("exception").GetString().Should().Contain("InvalidOperationException").And.Contain("disk on fire");
        lines[1].GetProperty("level").GetString().Should().Be("error");
        lines[1].GetProperty("message").GetString().Should().Be("Writing state.json failed");
        lines[1].GetProperty("Path").GetString().Should().Be("state.json", "structured properties are kept as fields");
    }

    [Fact]
    public void Logger_JsonFormatAtInfo_DropsTheExceptionAsTextLogsDo()
    {
        var lines = LogTwoLines("info");

        lines[0].GetProperty("level").GetString().Should().Be("info");
        lines[0].GetProperty("message").GetString().Should().Be("Ready with 3 collections");
        lines.Should().OnlyContain(line => !Has(line, "exception"), "stack traces are debug material");
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _config.Dispose();
        _log.Dispose();
    }

    private List<JsonElement> LogTwoLines(string level)
    {
        var configuration = _config.Build(TestConfiguration.With(("CONNECTOR_LOG_LEVEL", level), ("CONNECTOR_LOG_FORMAT", "json")));
        using (var serilog = ConnectorLogging.CreateLogger(configuration, _log))
        using (var factory = new SerilogLoggerFactory(serilog))
        {
            var logger = factory.CreateLogger("TaxiiConnector.Tests");
#pragma warning disable CA1848, CA2254 // a test's own two lines: no generated logger needed
            logger.LogInformation("Ready with {Count} collections", 3);
            logger.LogError(new InvalidOperationException("disk on fire"), "Writing {Path} failed", "state.json");
#pragma warning restore CA1848, CA2254
        }

        return [.. _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private async Task<int> RunOnceAsync(string level)
    {
        var environment = TestConfiguration.With(
            ("TAXII2_DISCOVERY_URL", _server.Url + "/taxii2/"),
            ("TAXII2_USERNAME", "alice"),
            ("TAXII2_PASSWORD", Password),
            ("CONNECTOR_LOG_LEVEL", level),
            ("CONNECTOR_LOG_FORMAT", "json"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        return await ConnectorApp.RunAsync(["run", "--once", "--dry-run", "--output", Path.Combine(_config.Directory, "output")], environment,
            new CommandOutput(stdout, stderr) { Log = _log }, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
    }

    private void Serve(string path, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", MediaType).WithBody(body));

    private static bool Has(JsonElement record, string name) => record.TryGetProperty(name, out var unused) && unused.ValueKind != JsonValueKind.Undefined;

    [GeneratedRegex(@"\{@?[A-Za-z_][A-Za-z0-9_]*(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
