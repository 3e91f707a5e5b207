using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.DataPaths;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Sources.TaxiiPush;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>
/// Issue 16 item 7: every writable path defaults under connector.data_dir (the image's /app is read-only for its
/// non-root user and Kubernetes mounts the root filesystem read-only), and an unwritable one is one problem line.
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private const string Collection = "6f2a1c3e-8d4b-4e5f-9a0b-1c2d3e4f5a6b";
    private readonly TestConfiguration _config = new();

    private static (string Name, string? Value)[] Push(params (string Name, string? Value)[] more) =>
        [("TAXII_PUSH_ENABLED", "true"), ("TAXII_PUSH_COLLECTIONS", Collection), ("TAXII_PUSH_USERS", "alice:pw@*"), .. more];

    [Fact]
    public void SpoolPath_Unset_IsPushSpoolUnderTheDataDirectory()
    {
        SpoolDirectory().Should().Be(Path.Combine("./data", "push-spool"));
        SpoolDirectory(("CONNECTOR_DATA_DIR", "/var/lib/connector")).Should().Be(Path.Combine("/var/lib/connector", "push-spool"));
    }

    [Fact]
    public void SpoolPath_Set_WinsOverTheDataDirectory()
    {
        SpoolDirectory(("CONNECTOR_DATA_DIR", "/var/lib/connector"), ("TAXII_PUSH_SPOOL_PATH", "/spool")).Should().Be("/spool");
    }

    [Fact]
    public void Problems_DataDirectoryNotWritable_OneLineNamingTheSpoolVariableAndTheDataDirectory()
    {
        // Tests run as root here, which writes through any permission bit: a regular file in the way is unwritable for anyone.
        var blocker = _config.WriteYaml("not a directory", "blocker");

        var problems = _config.Problems(TestConfiguration.With(Push(("CONNECTOR_DATA_DIR", blocker))));

        problems.Should().ContainSingle();
        problems[0].Should().StartWith("TAXII_PUSH_SPOOL_PATH (taxii_push.spool_path): the push spool")
            .And.Contain(Path.Combine(blocker, "push-spool"))
            .And.Contain("is a file, not a directory")
            .And.Contain("CONNECTOR_DATA_DIR (connector.data_dir)");
    }

    [Fact]
    public void Problems_StatePathUnderAFile_NamesStatePath()
    {
        var blocker = _config.WriteYaml("not a directory", "blocker");

        var problems = _config.Problems(TestConfiguration.With(("STATE_PATH", Path.Combine(blocker, "state.json"))));

        problems.Should().ContainSingle().Which.Should().StartWith("STATE_PATH (state.path): the state file's directory").And.NotContain("CONNECTOR_DATA_DIR");
    }

    [Fact]
    public void Problems_WritableDataDirectoryThatDoesNotExistYet_IsFineAndNotCreated()
    {
        var data = Path.Combine(_config.Directory, "data", "nested");

        _config.Problems(TestConfiguration.With(Push(("CONNECTOR_DATA_DIR", data)))).Should().BeEmpty();
        Directory.Exists(data).Should().BeFalse("checking leaves nothing behind");
        Directory.GetFiles(_config.Directory).Should().NotContain(file => file.Contains(".write-probe", StringComparison.Ordinal));
    }

    [Fact]
    public void WritablePaths_DryRun_ListsTheOutputUnderTheDataDirectory()
    {
        var invocation = _config.Invocation(TestConfiguration.With(("CONNECTOR_DATA_DIR", "/srv/data")), dryRun: true);

        var paths = WritablePaths.For(ConnectorConfiguration.Build(invocation), invocation);

        paths.Should().ContainSingle().Which.Directory.Should().Be(Path.Combine("/srv/data", "output"));
    }

    public void Dispose() => _config.Dispose();

    /// <summary>The spool the push section resolves against the connector section (both read from one configuration).</summary>
    private string SpoolDirectory(params (string Name, string? Value)[] more)
    {
        var configuration = _config.Build(Push(more).ToDictionary(v => v.Name, v => v.Value));
        var push = new TaxiiPushOptions();
        push.Read(new ConfigSectionReader(configuration));
        var connector = new ConnectorOptions();
        connector.Read(new ConfigSectionReader(configuration));
        return push.SpoolDirectory(connector);
    }
}
