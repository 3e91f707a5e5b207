using TaxiiConnector.Cli;

namespace TaxiiConnector.Tests.Cli;

public sealed class CommandLineParserTests
{
    private static readonly string[] Verbs = ["run", "check-config", "discover", "demo"];
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static ConnectorInvocation Parse(params string[] args)
    {
        CommandLineParser.TryParse(args, Verbs, NoEnvironment, out var invocation, out var error).Should().BeTrue(error);
        return invocation;
    }

    [Fact]
    public void TryParse_NoArguments_IsRun()
    {
        var invocation = Parse();

        invocation.Command.Should().Be("run");
        invocation.Once.Should().BeFalse();
        invocation.DryRun.Should().BeFalse();
        invocation.ConfigPath.Should().BeNull();
        invocation.OutputDirectory.Should().BeNull();
    }

    [Fact]
    public void TryParse_RunOnce_SetsOnce()
    {
        Parse("run", "--once").Once.Should().BeTrue();
    }

    [Fact]
    public void TryParse_OptionsWithoutVerb_AreRunOptions()
    {
        var invocation = Parse("--once", "--config", "/etc/taxii/config.yml");

        invocation.Command.Should().Be("run");
        invocation.Once.Should().BeTrue();
        invocation.ConfigPath.Should().Be("/etc/taxii/config.yml");
    }

    [Fact]
    public void TryParse_DryRunWithoutOutput_LeavesTheOutputToTheDataDirectory()
    {
        var invocation = Parse("run", "--dry-run");

        invocation.DryRun.Should().BeTrue();
        invocation.WithoutPlatform.Should().BeTrue();
        invocation.OutputDirectory.Should().BeNull("the configuration's connector.data_dir decides, once it is read");
    }

    [Fact]
    public void TryParse_DryRunOnceWithOutput_KeepsAll()
    {
        var invocation = Parse("run", "--once", "--dry-run", "--output", "bundles");

        invocation.Once.Should().BeTrue();
        invocation.DryRun.Should().BeTrue();
        invocation.OutputDirectory.Should().Be("bundles");
    }

    [Fact]
    public void TryParse_CommandArguments_LeftForTheCommand()
    {
        var invocation = Parse("discover", "--json");

        invocation.Command.Should().Be("discover");
        invocation.Arguments.Should().Equal("--json");
    }

    [Fact]
    public void TryParse_Demo_NeedsNoPlatform()
    {
        Parse("demo").WithoutPlatform.Should().BeTrue();
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("check-config", "--once")]
    [InlineData("demo", "--dry-run")]
    [InlineData("run", "--config")]
    [InlineData("run", "--output", "--once")]
    public void TryParse_Invalid_ReturnsAnError(params string[] args)
    {
        CommandLineParser.TryParse(args, Verbs, NoEnvironment, out _, out var error).Should().BeFalse();

        error.Should().NotBeNullOrWhiteSpace();
    }
}
