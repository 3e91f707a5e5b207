using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TaxiiConnector.Stix.Markings;

namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Checks a <see cref="StixTransformerOptions"/> before any run: what the Python connector only finds out by crashing
/// mid-run (an author without a name, a malformed <c>find:replace</c>) is a start-up error here.
/// </summary>
public sealed class StixTransformerOptionsValidator : IValidateOptions<StixTransformerOptions>
{
    /// <summary>How long one label regex may run on one label.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public ValidateOptionsResult Validate(string? name, StixTransformerOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>One line per problem, naming the environment variable and the YAML key.</summary>
    public static IReadOnlyList<string> Problems(StixTransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.CreateAuthor && string.IsNullOrWhiteSpace(options.AuthorName))
        {
            problems.Add("TAXII2_AUTHOR_NAME (taxii2.author_name) is required when TAXII2_CREATE_AUTHOR (taxii2.create_author) is true.");
        }

        if (options.AddCustomLabel && string.IsNullOrWhiteSpace(options.CustomLabel))
        {
            problems.Add("TAXII2_CUSTOM_LABEL (taxii2.custom_label) is required when TAXII2_ADD_CUSTOM_LABEL (taxii2.add_custom_label) is true.");
        }

        if (options.StixCustomPropertyToLabel && string.IsNullOrWhiteSpace(options.StixCustomProperty))
        {
            problems.Add("TAXII2_STIX_CUSTOM_PROPERTY (taxii2.stix_custom_property) is required when TAXII2_STIX_CUSTOM_PROPERTY_TO_LABEL is true.");
        }

        if (options.ForcePatternAsName && string.IsNullOrWhiteSpace(options.ForceMultiplePatternName))
        {
            problems.Add("TAXII2_FORCE_MULTIPLE_PATTERN_NAME (taxii2.force_multiple_pattern_name) must not be empty when TAXII2_FORCE_PATTERN_AS_NAME is true.");
        }

        CheckScore(problems, options.DefaultScore, "TAXII2_DEFAULT_X_OPENCTI_SCORE (taxii2.default_x_opencti_score)");
        CheckScore(problems, options.HighScore, "TAXII2_INDICATOR_HIGH_SCORE (taxii2.indicator_high_score)");
        CheckScore(problems, options.MediumScore, "TAXII2_INDICATOR_MEDIUM_SCORE (taxii2.indicator_medium_score)");
        CheckScore(problems, options.LowScore, "TAXII2_INDICATOR_LOW_SCORE (taxii2.indicator_low_score)");

        foreach (var pattern in options.ExcludeLabelPatterns ?? [])
        {
            if (string.IsNullOrEmpty(pattern))
            {
                continue;
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"TAXII2_LABELS_TO_EXCLUDE (taxii2.labels_to_exclude): '{pattern}' is not a valid regular expression: {ex.Message}");
            }
        }

        foreach (var pair in options.LabelReplacements ?? [])
        {
            if (string.IsNullOrEmpty(pair.Key) || pair.Value is null)
            {
                problems.Add($"TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL (taxii2.characters_to_replace_in_label): '{pair.Key}:{pair.Value}' is not 'find:replace' with something to find.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.DefaultMarking) && !TlpMarking.TryParse(options.DefaultMarking, out _))
        {
            problems.Add($"TAXII2_DEFAULT_MARKING (taxii2.default_marking): '{options.DefaultMarking}' is not one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED.");
        }

        if (options.SaveOriginalIndicatorIdToNote && string.IsNullOrWhiteSpace(options.OriginalIndicatorIdNoteAbstract))
        {
            problems.Add("TAXII2_SAVE_ORIGINAL_INDICATOR_ID_ABSTRACT (taxii2.save_original_indicator_id_abstract) must not be empty when TAXII2_SAVE_ORIGINAL_INDICATOR_ID_TO_NOTE is true.");
        }

        return problems;
    }

    private static void CheckScore(List<string> problems, int score, string name)
    {
        if (score is < 0 or > 100)
        {
            problems.Add($"{name} must be between 0 and 100 (got {score}).");
        }
    }
}
