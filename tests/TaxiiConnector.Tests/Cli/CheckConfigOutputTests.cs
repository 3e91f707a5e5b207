using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Cli;

/// <summary>What <c>check-config</c> prints: the enabled sources' settings by default, every section with <c>--all</c>, the verdict last.</summary>
public sealed class CheckConfigOutputTests : IDisposable
{
    private static readonly string[] OffSources = ["[taxii11]", "[cyberthreatexchange]", "[taxii_push]"];

    private readonly TestConfiguration _config = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly ConcurrentLogWriter _log = new();

    private Task<int> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ConnectorApp.RunAsync(args, environment, new CommandOutput(_out, _error) { Log = _log }, CancellationToken.None);

    private string[] Lines => _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task CheckConfig_Default_ShowsTheEnabledSourceAndTheCommonSectionsOnly()
    {
        var exitCode = await RunAsync(TestConfiguration.ValidEnvironment, "check-config");

        exitCode.Should().Be(0, _error.ToString());
        Lines.Should().Contain(["[opencti]", "[connector]", "[taxii2]", "[mq]", "[metrics]"]);
        Lines.Should().NotContain(OffSources);
        Lines.Should().Contain(line => line.Contains("taxii11, cyberthreatexchange, taxii_push", StringComparison.Ordinal)
            && line.Contains("check-config --all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfig_All_ShowsTheSourcesThatAreOffToo()
    {
        var exitCode = await RunAsync(TestConfiguration.ValidEnvironment, "check-config", "--all");

        exitCode.Should().Be(0, _error.ToString());
        Lines.Should().Contain(["[taxii2]", .. OffSources]);
        Lines.Should().NotContain(line => line.Contains("--all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfig_WithWarnings_EndsWithTheWarningsThenTheVerdict()
    {
        var environment = TestConfiguration.With(("TAXII2_DISCOVERY_ULR", "https://taxii.example.com/taxii2/"), ("TAXII_PUSH_LISTEN_URL", "http://0.0.0.0:9000/"));

        var exitCode = await RunAsync(environment, "check-config");

        exitCode.Should().Be(0, _error.ToString());
        var lines = Lines;
        lines[^1].Should().Be("configuration is valid");
        lines.Should().ContainSingle(line => line == "configuration is valid");
        var warnings = lines.Select((line, index) => (line, index)).Where(entry => entry.line.StartsWith("warning:", StringComparison.Ordinal)).Select(entry => entry.index).ToList();
        warnings.Should().HaveCount(2);
        warnings.Should().Equal(lines.Length - 3, lines.Length - 2);
    }

    [Fact]
    public async Task CheckConfig_UnknownArgument_StillRejected()
    {
        var exitCode = await RunAsync(TestConfiguration.ValidEnvironment, "check-config", "--everything");

        exitCode.Should().Be(2);
        _error.ToString().Should().Contain("--everything");
    }

    public void Dispose()
    {
        _config.Dispose();
        _out.Dispose();
        _error.Dispose();
        _log.Dispose();
    }
}
