using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Cli;

/// <summary>Issue 16 item 6: validation reports one problem once, in the user's words.</summary>
public sealed class ValidationMessagesTests : IDisposable
{
    private readonly TestConfiguration _config = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly ConcurrentLogWriter _log = new();

    private async Task<List<string>> ProblemLinesAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var exitCode = await ConnectorApp.RunAsync(args.Length == 0 ? ["run"] : args, environment, new CommandOutput(_out, _error) { Log = _log }, CancellationToken.None);
        exitCode.Should().Be(1, _out.ToString());
        return [.. _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [Fact]
    public async Task Run_MissingOpenCtiUrl_IsOneLine()
    {
        var lines = await ProblemLinesAsync(TestConfiguration.With(("OPENCTI_URL", null)));

        lines.Where(line => line.Contains("OPENCTI_URL", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("is required");
    }

    [Fact]
    public async Task Run_MissingTokenAndConnectorId_OneLineEach()
    {
        var lines = await ProblemLinesAsync(TestConfiguration.With(("OPENCTI_TOKEN", null), ("CONNECTOR_ID", null)));

        lines.Where(line => line.Contains("OPENCTI_TOKEN", StringComparison.Ordinal)).Should().ContainSingle();
        lines.Where(line => line.Contains("CONNECTOR_ID", StringComparison.Ordinal)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("OPENCTI_TOKEN", "ChangeMe")]
    [InlineData("TAXII2_PASSWORD", "ChangeMe")]
    [InlineData("CONNECTOR_ID", "00000000-0000-4000-8000-000000000000")] // deploy/kubernetes/configmap.yaml's
    [InlineData("OPENCTI_URL", "<your OpenCTI URL>")]
    public async Task Run_PlaceholderValue_RefusedAsAPlaceholderInOneLine(string variable, string placeholder)
    {
        var lines = await ProblemLinesAsync(TestConfiguration.With((variable, placeholder), ("TAXII2_USERNAME", "reader")));

        lines.Where(line => line.Contains(variable, StringComparison.Ordinal)).Should().ContainSingle(string.Join("\n", lines))
            .Which.Should().Contain("placeholder");
    }

    [Fact]
    public async Task Run_DurationInMonths_SaysMonthsAreNotAllowed()
    {
        var lines = await ProblemLinesAsync(TestConfiguration.With(("CONNECTOR_DURATION_PERIOD", "P1M")));

        lines.Should().ContainSingle(line => line.Contains("CONNECTOR_DURATION_PERIOD", StringComparison.Ordinal))
            .Which.Should().Contain("months are not allowed").And.NotContain("not an ISO-8601 duration");
    }

    [Fact]
    public async Task Run_ConfigIsADirectory_SaysItIsADirectory()
    {
        var lines = await ProblemLinesAsync(TestConfiguration.ValidEnvironment, "run", "--config", _config.Directory);

        lines.Should().ContainSingle(line => line.Contains("is a directory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfig_UnknownVariable_NamedAsTyped()
    {
        var environment = TestConfiguration.With(("TAXII2_DISCOVERY_ULR", "https://taxii.example.com/taxii2/"));

        var exitCode = await ConnectorApp.RunAsync(["check-config"], environment, new CommandOutput(_out, _error) { Log = _log }, CancellationToken.None);

        exitCode.Should().Be(0, _error.ToString());
        _out.ToString().Should().Contain("warning: TAXII2_DISCOVERY_ULR is not a setting").And.NotContain("taxii2.discovery_ulr");
    }

    public void Dispose()
    {
        _config.Dispose();
        _out.Dispose();
        _error.Dispose();
        _log.Dispose();
    }
}
