using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TaxiiConnector.Tests.Cli;

/// <summary>
/// Issue 16, "buried failure": what <c>run --once</c> and <c>discover</c> print when TAXII or OpenCTI cannot be used. At
/// the default log level one error line per cause, naming the URL and the setting to change; retries one warning line
/// each; no stack trace below debug; 401/403 never retried; the last line of a failed single run says so.
/// Every server is on 127.0.0.1 (a closed port for "connection refused").
/// </summary>
public sealed class FailureLinesTests : IDisposable
{
    private const string MediaType = "application/taxii+json;version=2.1";
    private const string ClosedPort = "http://127.0.0.1:1/taxii2/";

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly TestConfiguration _config = new();
    private readonly StringWriter _log = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task RunOnce_TaxiiConnectionRefused_OneErrorLineNamingTheUrlAndSettingThenTheFailedRunLine()
    {
        var exitCode = await RunAsync(DryRun(("TAXII2_DISCOVERY_URL", ClosedPort), ("TAXII2_MAX_RETRIES", "1")));

        exitCode.Should().Be(1);
        var errors = Errors();
        errors.Should().HaveCount(2, _log.ToString());
        errors[0].Should().Contain("http://127.0.0.1:1/taxii2/").And.Contain("Connection refused").And.Contain("TAXII2_DISCOVERY_URL (taxii2.discovery_url)");
        Lines()[^1].Should().Contain("ERR]").And.Contain("Run failed").And.Contain("exiting with code 1").And.NotContain("schedule goes on");
        NoStackTraces();
    }

    [Fact]
    public async Task RunOnce_InfoLevelTaxiiConnectionRefused_EachRetryIsOneWarningLineWithoutTrace()
    {
        var exitCode = await RunAsync(DryRun(("TAXII2_DISCOVERY_URL", ClosedPort), ("TAXII2_MAX_RETRIES", "2"), ("CONNECTOR_LOG_LEVEL", "info")));

        exitCode.Should().Be(1);
        Lines().Where(line => line.Contains("WRN]", StringComparison.Ordinal)).Should().HaveCount(2, _log.ToString())
            .And.OnlyContain(line => line.Contains("GET http://127.0.0.1:1/taxii2/ failed (Connection refused", StringComparison.Ordinal));
        Lines().Should().NotContain(line => line.Contains("Polly", StringComparison.Ordinal));
        Errors().Should().HaveCount(2);
        NoStackTraces();
    }

    [Fact]
    public async Task RunOnce_Taxii401_OneErrorLineNamingTheCredentialSettingsAndNotRetried()
    {
        Serve("/taxii2/", 401, """{"title":"Unauthorized"}""");

        var exitCode = await RunAsync(DryRun(("TAXII2_DISCOVERY_URL", _server.Url + "/taxii2/")));

        exitCode.Should().Be(1);
        _server.LogEntries.Should().ContainSingle("credentials do not fix themselves: a 401 is never retried");
        var errors = Errors();
        errors.Should().HaveCount(2, _log.ToString());
        errors[0].Should().Contain(_server.Url + "/taxii2/").And.Contain("401").And.Contain("TAXII2_USERNAME (taxii2.username)").And.Contain("TAXII2_TOKEN (taxii2.token)");
        NoStackTraces();
    }

    [Fact]
    public async Task RunOnce_OpenCti401AtStart_OneLineNamingOpenCtiTokenAsTheLastLineAndNoRunBeforeIt()
    {
        var taxii = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        try
        {
            _server.Given(Request.Create().WithPath("/graphql").UsingPost())
                .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"errors":[{"message":"You must be logged in","extensions":{"code":"AUTH_REQUIRED"}}]}"""));
            var environment = TestConfiguration.With(("OPENCTI_URL", _server.Url + "/"), ("TAXII2_DISCOVERY_URL", taxii.Url + "/taxii2/"));

            var exitCode = await RunAsync(environment);

            exitCode.Should().Be(1);
            _server.LogEntries.Should().ContainSingle("a 401 from OpenCTI is never retried");
            taxii.LogEntries.Should().BeEmpty("no run starts before the host has started");
            var errors = Errors();
            errors.Should().ContainSingle(_log.ToString()).Which.Should().Contain(_server.Url).And.Contain("OPENCTI_TOKEN (opencti.token)")
                .And.Contain("exiting with code 1");
            Lines()[^1].Should().Be(errors[0]);
            Lines().Should().NotContain(line => line.Contains("Run completed", StringComparison.Ordinal) || line.Contains("Hosting failed", StringComparison.Ordinal));
            NoStackTraces();
        }
        finally
        {
            taxii.Stop();
            taxii.Dispose();
        }
    }

    [Fact]
    public async Task Discover_ConnectionRefused_OneLineNamingTheUrlAndSettingAndNoTraceInTheLog()
    {
        var environment = TestConfiguration.With(("TAXII2_DISCOVERY_URL", ClosedPort), ("TAXII2_MAX_RETRIES", "1"));

        var exitCode = await RunAsync(environment, "discover");

        exitCode.Should().Be(1);
        var stderr = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        stderr.Should().ContainSingle().Which.Should().StartWith("discovery failed: ").And.Contain(ClosedPort)
            .And.Contain("TAXII2_DISCOVERY_URL (taxii2.discovery_url)");
        Errors().Should().BeEmpty("the failure is the one stderr line");
        NoStackTraces();
    }

    [Fact]
    public async Task Discover_403_OneLineNamingTheCredentialSettings()
    {
        Serve("/taxii2/", 403, """{"title":"Forbidden"}""");

        var exitCode = await RunAsync(TestConfiguration.With(("TAXII2_DISCOVERY_URL", _server.Url + "/taxii2/")), "discover");

        exitCode.Should().Be(1);
        _server.LogEntries.Should().ContainSingle();
        _error.ToString().Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("403").And.Contain("TAXII2_USERNAME (taxii2.username)");
        NoStackTraces();
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _config.Dispose();
        _log.Dispose();
        _out.Dispose();
        _error.Dispose();
    }

    private Dictionary<string, string?> DryRun(params (string Name, string? Value)[] overrides) =>
        TestConfiguration.With([("CONNECTOR_LOG_LEVEL", null), .. overrides]);

    private Task<int> RunAsync(IReadOnlyDictionary<string, string?> environment, string command = "run")
    {
        string[] args = command == "run"
            ? environment["OPENCTI_URL"] == TestConfiguration.ValidEnvironment["OPENCTI_URL"]
                ? ["run", "--once", "--dry-run", "--output", Path.Combine(_config.Directory, "output")]
                : ["run", "--once"]
            : [command];
        return ConnectorApp.RunAsync(args, environment, new CommandOutput(_out, _error) { Log = _log }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2));
    }

    private List<string> Lines() => [.. _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];

    private List<string> Errors() => [.. Lines().Where(line => line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal))];

    /// <summary>Every line is a log line (no exception text, no "   at ..." frames) at the default level.</summary>
    private void NoStackTraces() =>
        Lines().Should().NotContain(line => !line.StartsWith('['), _log.ToString());

    private void Serve(string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", MediaType).WithBody(body));
}
