using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Transform;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Configuration;

public sealed class TransformerSettingsTests
{
    private static (Taxii2Options Options, IReadOnlyList<ConfigProblem> Problems) Read(params (string Name, string Value)[] environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(
                TaxiiConnector.Configuration.Environment.SectionEnvironmentVariablesSource.ToConfigurationPath(e.Name, ConfigSections.EnvironmentPrefixes)!, e.Value)))
            .Build();
        var reader = new ConfigSectionReader(configuration);
        var options = new Taxii2Options();
        options.Read(reader);
        return (options, reader.Problems);
    }

    [Fact]
    public void TransformerOptions_SwitchesOff_ListsAreEmptyEvenWhenSet()
    {
        var (options, _) = Read(
            ("TAXII2_PATTERN_TYPES_TO_IGNORE", "yara"),
            ("TAXII2_OBJECT_TYPES_TO_IGNORE", "note"),
            ("TAXII2_PATTERNS_TO_IGNORE", "127.0.0.1"),
            ("TAXII2_NOTES_TO_IGNORE", "internal"),
            ("TAXII2_LABELS_TO_EXCLUDE", "^tmp"),
            ("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", "-:_"),
            ("TAXII2_CHANGE_REPORT_STATUS_X_OPENCTI_WORKFLOW_ID", "wf"));

        var transformer = TransformerDefaults.From(options);

        transformer.IgnorePatternTypes.Should().BeEmpty();
        transformer.IgnoreObjectTypes.Should().BeEmpty();
        transformer.IgnoreSpecificPatterns.Should().BeEmpty();
        transformer.IgnoreSpecificNotes.Should().BeEmpty();
        transformer.ExcludeLabelPatterns.Should().BeEmpty();
        transformer.LabelReplacements.Should().BeEmpty();
        transformer.ReportStatusWorkflowId.Should().BeNull();
    }

    [Fact]
    public void TransformerOptions_SwitchesOn_ListsTrimmed()
    {
        var (options, problems) = Read(
            ("TAXII2_IGNORE_PATTERN_TYPES", "true"), ("TAXII2_PATTERN_TYPES_TO_IGNORE", "yara, sigma"),
            ("TAXII2_IGNORE_OBJECT_TYPES", "yes"), ("TAXII2_OBJECT_TYPES_TO_IGNORE", "report ,note"),
            ("TAXII2_IGNORE_SPECIFIC_PATTERNS", "1"), ("TAXII2_PATTERNS_TO_IGNORE", "[ipv4-addr:value = '127.0.0.1']"),
            ("TAXII2_IGNORE_SPECIFIC_NOTES", "TRUE"), ("TAXII2_NOTES_TO_IGNORE", "internal note"),
            ("TAXII2_EXCLUDE_SPECIFIC_LABELS", "true"), ("TAXII2_LABELS_TO_EXCLUDE", "^tmp-, test$"),
            ("TAXII2_CHANGE_REPORT_STATUS", "true"), ("TAXII2_CHANGE_REPORT_STATUS_X_OPENCTI_WORKFLOW_ID", "workflow-id"),
            ("TAXII2_DEFAULT_MARKING", "tlp:amber+strict"),
            ("TAXII2_AUTHOR_OVERRIDE", "true"));

        var transformer = TransformerDefaults.From(options);

        problems.Should().BeEmpty();
        transformer.IgnorePatternTypes.Should().Equal("yara", "sigma");
        transformer.IgnoreObjectTypes.Should().Equal("report", "note");
        transformer.IgnoreSpecificPatterns.Should().Equal("[ipv4-addr:value = '127.0.0.1']");
        transformer.IgnoreSpecificNotes.Should().Equal("internal note");
        transformer.ExcludeLabelPatterns.Should().Equal("^tmp-", "test$");
        transformer.ReportStatusWorkflowId.Should().Be("workflow-id");
        transformer.DefaultMarking.Should().Be("TLP:AMBER+STRICT");
        transformer.AuthorOverride.Should().BeTrue();
    }

    [Fact]
    public void TransformerOptions_SwitchOnWithEmptyList_IsOffNotMatchEverything()
    {
        var (options, problems) = Read(("TAXII2_IGNORE_SPECIFIC_PATTERNS", "true"), ("TAXII2_PATTERNS_TO_IGNORE", ""));

        problems.Should().BeEmpty();
        TransformerDefaults.From(options).IgnoreSpecificPatterns.Should().BeEmpty();
    }

    [Fact]
    public void Read_PythonReplacementExample_KeepsTheSpaceItem()
    {
        var (options, problems) = Read(("TAXII2_REPLACE_CHARACTERS_IN_LABEL", "true"), ("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", "-:_, :_"));

        problems.Should().BeEmpty();
        TransformerDefaults.From(options).LabelReplacements.Should().Equal(
            new KeyValuePair<string, string>("-", "_"),
            new KeyValuePair<string, string>(" ", "_"));
    }

    [Theory]
    [InlineData("a:b, c:d", "a", "b", "c", "d")]
    [InlineData("_: ,x:", "_", " ", "x", "")]
    public void TryParse_Items_SplitAtFirstColonAndTrimUnlessBlank(string text, string find1, string replace1, string find2, string replace2)
    {
        LabelReplacementParser.TryParse(text, out var replacements, out var malformed).Should().BeTrue();

        malformed.Should().BeNull();
        replacements.Should().Equal(new KeyValuePair<string, string>(find1, replace1), new KeyValuePair<string, string>(find2, replace2));
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":x")]
    [InlineData("a:b,oops")]
    public void TryParse_MalformedItem_ReturnsIt(string text)
    {
        LabelReplacementParser.TryParse(text, out _, out var malformed).Should().BeFalse();

        malformed.Should().NotBeNull();
    }

    [Theory]
    [InlineData("a:b,nocolon", "nocolon")]
    [InlineData(":replacement", ":replacement")]
    public void Read_MalformedReplacement_IsOneProblemNamingTheItem(string text, string item)
    {
        // Moved from the Stix library's parser, deleted: the host's parser is the one production uses. The source is on:
        // a source that is off is read leniently.
        var (_, problems) = Read(("TAXII2_DISCOVERY_URL", "https://taxii.example.com/taxii2/"), ("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", text));

        problems.Should().ContainSingle().Which.ToString().Should().Contain($"'{item}' is not a find:replace item")
            .And.StartWith("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL (taxii2.characters_to_replace_in_label)");
    }

    [Fact]
    public void Read_TlpWhite_IsTlpClear()
    {
        var (options, problems) = Read(("TAXII2_DEFAULT_MARKING", "TLP:WHITE"));

        problems.Should().BeEmpty();
        TransformerDefaults.From(options).DefaultMarking.Should().Be("TLP:CLEAR");
    }

    [Fact]
    public void Read_UrlQueryLimitEnabled_SetsPageLimit()
    {
        var (options, _) = Read(("TAXII2_ENABLE_URL_QUERY_LIMIT", "true"), ("TAXII2_URL_QUERY_LIMIT", "500"));

        options.PageLimit.Should().Be(500);
    }

    [Fact]
    public void TransformerSettings_OtherSection_SameNamesNotPythonKeys()
    {
        var keys = SectionSettings.ForGroup<TransformerSettings>("taxii11", pythonKeys: false);

        keys.Key(nameof(TransformerSettings.AuthorName)).EnvironmentVariable.Should().Be("TAXII11_AUTHOR_NAME");
        keys.Keys.Should().OnlyContain(key => !key.IsPythonKey && key.Section == "taxii11");
        var taxii2 = SectionSettings.Of<Taxii2Options>().Declarations.Where(declaration => declaration.Group is not null).Select(declaration => declaration.Key.Name);
        keys.Keys.Select(key => key.Name).Should().BeEquivalentTo(taxii2);
    }
}
