using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Transform;

public sealed class StixTransformerOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        new StixTransformerOptionsValidator().Validate(null, new StixTransformerOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_EveryProblem_OneLineEachNamingTheSetting()
    {
        var options = new StixTransformerOptions
        {
            CreateAuthor = true,
            AddCustomLabel = true,
            StixCustomPropertyToLabel = true,
            HighScore = 101,
            DefaultScore = -1,
            ExcludeLabelPatterns = ["[a-"],
            LabelReplacements = [new("", "x")],
            DefaultMarking = "TLP:ORANGE",
        };

        var result = new StixTransformerOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(8);
        result.Failures.Should().Contain(f => f.Contains("TAXII2_AUTHOR_NAME", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TAXII2_CUSTOM_LABEL", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TAXII2_STIX_CUSTOM_PROPERTY", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TAXII2_INDICATOR_HIGH_SCORE", StringComparison.Ordinal) && f.Contains("101", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TAXII2_DEFAULT_X_OPENCTI_SCORE", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TAXII2_LABELS_TO_EXCLUDE", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("TLP:ORANGE", StringComparison.Ordinal));
    }
}
