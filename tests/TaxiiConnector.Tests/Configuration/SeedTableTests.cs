using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Scheduling;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Cli;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

/// <summary>The Python connector's configuration table (seed 000) is the compatibility contract: same names, same defaults.</summary>
public sealed class SeedTableTests
{
    public static TheoryData<string, string, string> SeedTable => new()
    {
        { "OPENCTI_URL", "opencti.url", "" },
        { "OPENCTI_TOKEN", "opencti.token", "" },
        { "CONNECTOR_ID", "connector.id", "" },
        { "CONNECTOR_NAME", "connector.name", "TAXII2" },
        { "CONNECTOR_SCOPE", "connector.scope", "" },
        // The one deliberate difference (issue 16): pycti's error hides a run that imports nothing; info shows each run's outcome.
        { "CONNECTOR_LOG_LEVEL", "connector.log_level", "info" },
        { "CONNECTOR_DURATION_PERIOD", "connector.duration_period", "PT60M" },
        { "TAXII2_DISCOVERY_URL", "taxii2.discovery_url", "" },
        { "TAXII2_CERT_PATH", "taxii2.cert_path", "" },
        { "TAXII2_USERNAME", "taxii2.username", "" },
        { "TAXII2_PASSWORD", "taxii2.password", "" },
        { "TAXII2_USE_TOKEN", "taxii2.use_token", "false" },
        { "TAXII2_TOKEN", "taxii2.token", "" },
        { "TAXII2_USE_APIKEY", "taxii2.use_apikey", "false" },
        { "TAXII2_APIKEY_KEY", "taxii2.apikey_key", "" },
        { "TAXII2_APIKEY_VALUE", "taxii2.apikey_value", "" },
        { "TAXII2_V21", "taxii2.v21", "true" },
        { "TAXII2_COLLECTIONS", "taxii2.collections", "*.*" },
        { "TAXII2_INITIAL_HISTORY", "taxii2.initial_history", "24" },
        { "TAXII2_VERIFY_SSL", "taxii2.verify_ssl", "true" },
        { "TAXII2_CREATE_INDICATORS", "taxii2.create_indicators", "true" },
        { "TAXII2_CREATE_OBSERVABLES", "taxii2.create_observables", "true" },
        { "TAXII2_ADD_CUSTOM_LABEL", "taxii2.add_custom_label", "false" },
        { "TAXII2_CUSTOM_LABEL", "taxii2.custom_label", "" },
        { "TAXII2_FORCE_PATTERN_AS_NAME", "taxii2.force_pattern_as_name", "false" },
        { "TAXII2_FORCE_MULTIPLE_PATTERN_NAME", "taxii2.force_multiple_pattern_name", "Multiple Indicators" },
        { "TAXII2_STIX_CUSTOM_PROPERTY_TO_LABEL", "taxii2.stix_custom_property_to_label", "false" },
        { "TAXII2_STIX_CUSTOM_PROPERTY", "taxii2.stix_custom_property", "" },
        { "TAXII2_ENABLE_URL_QUERY_LIMIT", "taxii2.enable_url_query_limit", "false" },
        { "TAXII2_URL_QUERY_LIMIT", "taxii2.url_query_limit", "100" },
        { "TAXII2_DETERMINE_X_OPENCTI_SCORE_BY_LABEL", "taxii2.determine_x_opencti_score_by_label", "false" },
        { "TAXII2_DEFAULT_X_OPENCTI_SCORE", "taxii2.default_x_opencti_score", "50" },
        { "TAXII2_INDICATOR_HIGH_SCORE_LABELS", "taxii2.indicator_high_score_labels", "high" },
        { "TAXII2_INDICATOR_HIGH_SCORE", "taxii2.indicator_high_score", "80" },
        { "TAXII2_INDICATOR_MEDIUM_SCORE_LABELS", "taxii2.indicator_medium_score_labels", "medium" },
        { "TAXII2_INDICATOR_MEDIUM_SCORE", "taxii2.indicator_medium_score", "60" },
        { "TAXII2_INDICATOR_LOW_SCORE_LABELS", "taxii2.indicator_low_score_labels", "low" },
        { "TAXII2_INDICATOR_LOW_SCORE", "taxii2.indicator_low_score", "40" },
        { "TAXII2_SET_INDICATOR_AS_DETECTION", "taxii2.set_indicator_as_detection", "false" },
        { "TAXII2_CREATE_AUTHOR", "taxii2.create_author", "false" },
        { "TAXII2_AUTHOR_NAME", "taxii2.author_name", "" },
        { "TAXII2_AUTHOR_DESCRIPTION", "taxii2.author_description", "" },
        { "TAXII2_AUTHOR_RELIABILITY", "taxii2.author_reliability", "A - Completely reliable" },
    };

    /// <summary>reference/opencti.md §3.1: the keys the Python connector reads but its README does not list.</summary>
    public static TheoryData<string, string, string> UndocumentedPythonKeys => new()
    {
        { "TAXII2_INTERVAL", "taxii2.interval", "1" },
        { "TAXII2_USE_CERT", "taxii2.use_cert", "false" },
        { "TAXII2_EXCLUDE_SPECIFIC_LABELS", "taxii2.exclude_specific_labels", "false" },
        { "TAXII2_LABELS_TO_EXCLUDE", "taxii2.labels_to_exclude", "" },
        { "TAXII2_REPLACE_CHARACTERS_IN_LABEL", "taxii2.replace_characters_in_label", "false" },
        { "TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", "taxii2.characters_to_replace_in_label", "" },
        { "TAXII2_IGNORE_PATTERN_TYPES", "taxii2.ignore_pattern_types", "false" },
        { "TAXII2_PATTERN_TYPES_TO_IGNORE", "taxii2.pattern_types_to_ignore", "" },
        { "TAXII2_IGNORE_OBJECT_TYPES", "taxii2.ignore_object_types", "false" },
        { "TAXII2_OBJECT_TYPES_TO_IGNORE", "taxii2.object_types_to_ignore", "" },
        { "TAXII2_IGNORE_SPECIFIC_PATTERNS", "taxii2.ignore_specific_patterns", "false" },
        { "TAXII2_PATTERNS_TO_IGNORE", "taxii2.patterns_to_ignore", "" },
        { "TAXII2_IGNORE_SPECIFIC_NOTES", "taxii2.ignore_specific_notes", "false" },
        { "TAXII2_NOTES_TO_IGNORE", "taxii2.notes_to_ignore", "" },
        { "TAXII2_SAVE_ORIGINAL_INDICATOR_ID_TO_NOTE", "taxii2.save_original_indicator_id_to_note", "false" },
        { "TAXII2_SAVE_ORIGINAL_INDICATOR_ID_ABSTRACT", "taxii2.save_original_indicator_id_abstract", "Original indicator id" },
        { "TAXII2_CHANGE_REPORT_STATUS", "taxii2.change_report_status", "false" },
        { "TAXII2_CHANGE_REPORT_STATUS_X_OPENCTI_WORKFLOW_ID", "taxii2.change_report_status_x_opencti_workflow_id", "" },
        { "CONNECTOR_UPDATE_EXISTING_DATA", "connector.update_existing_data", "false" },
    };

    [Theory]
    [MemberData(nameof(SeedTable))]
    [MemberData(nameof(UndocumentedPythonKeys))]
    public void KnownKeys_PythonConnectorKey_HasSameNamesAndDefault(string environmentVariable, string yamlKey, string defaultValue)
    {
        var key = ConfigSections.FindByEnvironmentVariable(environmentVariable);

        key.Should().NotBeNull(environmentVariable);
        key!.YamlKey.Should().Be(yamlKey);
        key.DefaultValue.Should().Be(defaultValue);
        key.IsPythonKey.Should().BeTrue();
    }

    [Fact]
    public void Read_EmptyConfiguration_TypedOptionsHaveTheSeedDefaults()
    {
        var reader = new ConfigSectionReader(new ConfigurationBuilder().Build());
        var connector = new ConnectorOptions();
        connector.Read(reader);
        var taxii2 = new Taxii2Options();
        taxii2.Read(reader);
        var opencti = new OpenCtiOptions();
        opencti.Read(reader);
        var transformer = TransformerDefaults.From(taxii2);

        reader.Problems.Should().BeEmpty();
        opencti.Url.Should().BeNull();
        opencti.Token.Should().BeNull();
        connector.Id.Should().BeNull();
        connector.Name.Should().Be("TAXII2");
        connector.Scope.Should().BeEmpty();
        connector.LogLevel.Should().Be("info");
        ConnectorSchedule.Create(connector, taxii2, new CyberThreatExchangeOptions(), new ConnectorInvocation()).Period.Should().Be(TimeSpan.FromMinutes(60));
        taxii2.IsEnabled.Should().BeFalse();
        taxii2.CertPath.Should().BeNull();
        taxii2.Username.Should().BeNull();
        taxii2.Password.Should().BeNull();
        taxii2.UseToken.Should().BeFalse();
        taxii2.Token.Should().BeNull();
        taxii2.UseApiKey.Should().BeFalse();
        taxii2.ApiKeyName.Should().BeNull();
        taxii2.ApiKeyValue.Should().BeNull();
        taxii2.Version.Should().Be(Taxii2VersionPreference.V21);
        taxii2.Collections.Should().Equal("*.*");
        taxii2.InitialHistory.Should().Be(TimeSpan.FromHours(24));
        taxii2.VerifySsl.Should().BeTrue();
        taxii2.PageLimit.Should().BeNull("enable_url_query_limit is false by default");
        taxii2.Interval.Should().Be(TimeSpan.FromHours(1));
        transformer.CreateIndicators.Should().BeTrue();
        transformer.CreateObservables.Should().BeTrue();
        transformer.AddCustomLabel.Should().BeFalse();
        transformer.CustomLabel.Should().BeNull();
        transformer.ForcePatternAsName.Should().BeFalse();
        transformer.ForceMultiplePatternName.Should().Be("Multiple Indicators");
        transformer.StixCustomPropertyToLabel.Should().BeFalse();
        transformer.StixCustomProperty.Should().BeNull();
        transformer.DetermineScoreByLabel.Should().BeFalse();
        transformer.DefaultScore.Should().Be(50);
        transformer.HighScoreLabels.Should().Equal("high");
        transformer.HighScore.Should().Be(80);
        transformer.MediumScoreLabels.Should().Equal("medium");
        transformer.MediumScore.Should().Be(60);
        transformer.LowScoreLabels.Should().Equal("low");
        transformer.LowScore.Should().Be(40);
        transformer.SetIndicatorAsDetection.Should().BeFalse();
        transformer.CreateAuthor.Should().BeFalse();
        transformer.AuthorName.Should().BeNull();
        transformer.AuthorDescription.Should().BeNull();
        transformer.AuthorReliability.Should().Be("A - Completely reliable");
        transformer.IgnorePatternTypes.Should().BeEmpty();
        transformer.IgnoreObjectTypes.Should().BeEmpty();
        transformer.IgnoreSpecificPatterns.Should().BeEmpty();
        transformer.IgnoreSpecificNotes.Should().BeEmpty();
        transformer.ExcludeLabelPatterns.Should().BeEmpty();
        transformer.LabelReplacements.Should().BeEmpty();
        transformer.SaveOriginalIndicatorIdToNote.Should().BeFalse();
        transformer.ReportStatusWorkflowId.Should().BeNull();
        transformer.DefaultMarking.Should().BeNull();
        transformer.AuthorOverride.Should().BeFalse();
    }

    public static TheoryData<string> KeysWithDefaults()
    {
        var data = new TheoryData<string>();
        foreach (var key in ConfigSections.KnownKeys.Where(key => key.DefaultValue.Length > 0))
        {
            data.Add(key.EnvironmentVariable);
        }

        return data;
    }

    /// <summary>Writing a key's documented default explicitly changes nothing: the docs tell the truth.</summary>
    [Theory]
    [MemberData(nameof(KeysWithDefaults))]
    public void Read_DocumentedDefaultWrittenExplicitly_SameOptionsAsUnset(string environmentVariable)
    {
        var key = ConfigSections.FindByEnvironmentVariable(environmentVariable)!;
        var unset = ReadAll(new Dictionary<string, string?>());
        var explicitDefault = ReadAll(new Dictionary<string, string?> { [key.ConfigurationPath] = key.DefaultValue });

        explicitDefault.Problems.Should().BeEmpty();
        explicitDefault.Options.Should().BeEquivalentTo(unset.Options, options => options.RespectingRuntimeTypes());
    }

    private static (IReadOnlyList<ConfigProblem> Problems, object[] Options) ReadAll(Dictionary<string, string?> values)
    {
        var reader = new ConfigSectionReader(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        object[] options = [new OpenCtiOptions(), new ConnectorOptions(), new Taxii2Options(), new MqOptions(), new MetricsOptions(), new StateOptions()];
        ((OpenCtiOptions)options[0]).Read(reader);
        ((ConnectorOptions)options[1]).Read(reader);
        ((Taxii2Options)options[2]).Read(reader);
        ((MqOptions)options[3]).Read(reader);
        ((MetricsOptions)options[4]).Read(reader);
        ((StateOptions)options[5]).Read(reader);

        // An explicit duration_period equal to the default is "set" where unset means "use the legacy interval":
        // compare the schedule it produces instead.
        var connector = (ConnectorOptions)options[1];
        var schedule = ConnectorSchedule.Create(connector, (Taxii2Options)options[2], new CyberThreatExchangeOptions(), new ConnectorInvocation());
        connector.DurationPeriod = schedule.Period;
        return (reader.Problems, options);
    }
}
