using Cronos;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>The <c>connector</c> section read through its declarations: the values with a grammar of their own.</summary>
public sealed class ConnectorSectionTests : IDisposable
{
    private readonly TestConfiguration _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void DurationPeriod_Unset_IsNullSoTheLegacyIntervalsDecide()
    {
        var (options, problems) = Read();

        problems.Should().BeEmpty();
        options.DurationPeriod.Should().BeNull();
    }

    /// <summary>pycti's OpenCTIConnectorHelper treats the duration period "0" as "run once and terminate".</summary>
    [Fact]
    public void DurationPeriod_Zero_IsTimeSpanZeroAsInPycti()
    {
        var (options, problems) = Read(("CONNECTOR_DURATION_PERIOD", "0"));

        problems.Should().BeEmpty();
        options.DurationPeriod.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("PT0S")]
    [InlineData(" PT2H ")]
    public void DurationPeriod_IsoDuration_IsRead(string text)
    {
        var (options, problems) = Read(("CONNECTOR_DURATION_PERIOD", text));

        problems.Should().BeEmpty();
        options.DurationPeriod.Should().Be(text.Trim() == "PT0S" ? TimeSpan.Zero : TimeSpan.FromHours(2));
    }

    [Fact]
    public void DurationPeriod_DocumentedDefault_IsTheLegacyIntervalInMinutes()
    {
        ConnectorOptions.Key(nameof(ConnectorOptions.DurationPeriod)).DefaultValue.Should().Be("PT60M");
        ConnectorOptions.Key(nameof(ConnectorOptions.ScheduleCron)).DefaultValue.Should().BeEmpty();
    }

    [Theory]
    [InlineData("*/15 * * * *", false)]
    [InlineData("30 */15 * * * *", true)]
    public void ScheduleCron_FiveOrSixFields_IsParsed(string text, bool withSeconds)
    {
        var (options, problems) = Read(("CONNECTOR_SCHEDULE_CRON", text));

        problems.Should().BeEmpty();
        var start = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        options.ScheduleCron.Should().NotBeNull();
        options.ScheduleCron!.GetNextOccurrence(start).Should().Be(start.AddMinutes(withSeconds ? 0.5 : 15));
    }

    [Fact]
    public void ScheduleCron_NotACronExpression_FailsStartWithOneLineNamingBothNames()
    {
        var problems = _config.Problems(TestConfiguration.With(("CONNECTOR_SCHEDULE_CRON", "61 * * * *")));

        problems.Should().ContainSingle().Which.Should().StartWith("CONNECTOR_SCHEDULE_CRON (connector.schedule_cron): '61 * * * *' is not a cron expression");
    }

    [Fact]
    public void UpdateExistingData_ReadAndIgnoredButABadValueIsAProblem()
    {
        var problems = _config.Problems(TestConfiguration.With(("CONNECTOR_UPDATE_EXISTING_DATA", "perhaps")));

        problems.Should().ContainSingle().Which.Should().StartWith("CONNECTOR_UPDATE_EXISTING_DATA (connector.update_existing_data)");
    }

    [Theory]
    [InlineData("CONNECTOR_MAX_BUNDLE_BYTES", "65535")]
    [InlineData("CONNECTOR_DEDUP_MAX_VERSIONS", "999")]
    [InlineData("CONNECTOR_QUEUE_THRESHOLD", "0")]
    [InlineData("CONNECTOR_LOG_LEVEL", "trace")]
    public void Bounds_OutsideTheDeclaredRange_IsOneProblem(string variable, string value)
    {
        var problems = _config.Problems(TestConfiguration.With((variable, value)));

        problems.Should().ContainSingle().Which.Should().StartWith(variable + " (");
    }

    [Fact]
    public void Values_SetInYaml_AreReadLikeTheEnvironment()
    {
        var configuration = _config.Build(yaml: """
            connector:
              scope: [indicator, report]
              log_level: WARNING
              max_bundle_bytes: 65536
              dedup_retention: P30D
              data_dir: /srv/connector
            """);
        var options = new ConnectorOptions();
        var reader = new ConfigSectionReader(configuration);
        options.Read(reader);

        reader.Problems.Should().BeEmpty();
        options.Scope.Should().Equal("indicator", "report");
        options.LogLevel.Should().Be("warning", "a choice keeps its declared spelling");
        options.MaxBundleBytes.Should().Be(65536);
        options.DedupRetention.Should().Be(TimeSpan.FromDays(30));
        options.DataDirectory.Should().Be("/srv/connector");
    }

    private (ConnectorOptions Options, IReadOnlyList<ConfigProblem> Problems) Read(params (string Name, string? Value)[] environment)
    {
        var reader = new ConfigSectionReader(_config.Build(environment.ToDictionary(v => v.Name, v => v.Value)));
        var options = new ConnectorOptions();
        options.Read(reader);
        return (options, reader.Problems);
    }
}
