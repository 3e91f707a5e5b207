using System.Text.RegularExpressions;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Configuration.Transform;

/// <summary>
/// The object-processing settings every source section declares (under its own section name): the one declaration of
/// each, default included. <see cref="StixTransformerOptionsSetup"/> configures the transformer's options from them.
/// </summary>
public sealed class TransformerSettings
{
    public static readonly IReadOnlyList<string> Markings = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    [Setting("create_indicators", "Ask OpenCTI to create an indicator for each imported observable (x_opencti_create_indicator).", Python = true), Configures<StixTransformerOptions>] public bool CreateIndicators { get; set; } = true;

    [Setting("create_observables", "Ask OpenCTI to create observables from each imported indicator (x_opencti_create_observables).", Python = true), Configures<StixTransformerOptions>] public bool CreateObservables { get; set; } = true;

    [Setting("add_custom_label", "Add custom_label to every imported object.", Python = true)] public bool AddCustomLabel { get; set; }

    [Setting("custom_label", "The label added when add_custom_label is true.", Python = true)] public string? CustomLabel { get; set; }

    [Setting("force_pattern_as_name", "Use the indicator's pattern as its name.", Python = true), Configures<StixTransformerOptions>] public bool ForcePatternAsName { get; set; }

    [Setting("force_multiple_pattern_name", "Name for indicators whose pattern combines several comparisons (with force_pattern_as_name).", Python = true), Configures<StixTransformerOptions>] public string ForceMultiplePatternName { get; set; } = "Multiple Indicators";

    [Setting("stix_custom_property_to_label", "Turn the values of stix_custom_property into labels.", Python = true)] public bool StixCustomPropertyToLabel { get; set; }

    [Setting("stix_custom_property", "The custom STIX property turned into labels.", Python = true)] public string? StixCustomProperty { get; set; }

    [Setting("determine_x_opencti_score_by_label", "Set x_opencti_score from the indicator's labels.", Python = true), Configures<StixTransformerOptions>] public bool DetermineScoreByLabel { get; set; }

    [Setting("default_x_opencti_score", "Score for indicators with no score and no matching label (0-100).", Python = true), Bounds(0, 100), Configures<StixTransformerOptions>] public int DefaultScore { get; set; } = 50;

    [Setting("indicator_high_score_labels", "Comma-separated labels that give indicator_high_score.", Python = true), Configures<StixTransformerOptions>] public IReadOnlyList<string> HighScoreLabels { get; set; } = ["high"];

    [Setting("indicator_high_score", "Score for the high labels (0-100).", Python = true), Bounds(0, 100), Configures<StixTransformerOptions>] public int HighScore { get; set; } = 80;

    [Setting("indicator_medium_score_labels", "Comma-separated labels that give indicator_medium_score.", Python = true), Configures<StixTransformerOptions>] public IReadOnlyList<string> MediumScoreLabels { get; set; } = ["medium"];

    [Setting("indicator_medium_score", "Score for the medium labels (0-100).", Python = true), Bounds(0, 100), Configures<StixTransformerOptions>] public int MediumScore { get; set; } = 60;

    [Setting("indicator_low_score_labels", "Comma-separated labels that give indicator_low_score.", Python = true), Configures<StixTransformerOptions>] public IReadOnlyList<string> LowScoreLabels { get; set; } = ["low"];

    [Setting("indicator_low_score", "Score for the low labels (0-100).", Python = true), Bounds(0, 100), Configures<StixTransformerOptions>] public int LowScore { get; set; } = 40;

    [Setting("set_indicator_as_detection", "Set x_opencti_detection on indicators.", Python = true), Configures<StixTransformerOptions>] public bool SetIndicatorAsDetection { get; set; }

    [Setting("create_author", "Create an author identity and set it as created_by_ref where missing.", Python = true), Configures<StixTransformerOptions>] public bool CreateAuthor { get; set; }

    [Setting("author_name", "The author's name (required when create_author is true).", Python = true), Configures<StixTransformerOptions>] public string? AuthorName { get; set; }

    [Setting("author_description", "The author's description.", Python = true), Configures<StixTransformerOptions>] public string? AuthorDescription { get; set; }

    [Setting("author_reliability", "The author's x_opencti_reliability.", Python = true), Configures<StixTransformerOptions>] public string? AuthorReliability { get; set; } = "A - Completely reliable";

    [Setting("author_override", "Replace the producer's created_by_ref with the author (the Python connector always does)."), Configures<StixTransformerOptions>] public bool AuthorOverride { get; set; }

    [Setting("exclude_specific_labels", "Remove labels matching labels_to_exclude.", Python = true)] public bool ExcludeSpecificLabels { get; set; }

    [Setting("labels_to_exclude", "Comma-separated regular expressions; a label matching one is removed.", Python = true)] public IReadOnlyList<string> LabelsToExclude { get; set; } = [];

    [Setting("replace_characters_in_label", "Replace characters in labels as characters_to_replace_in_label says.", Python = true)] public bool ReplaceCharactersInLabel { get; set; }

    [Setting("characters_to_replace_in_label", "Comma-separated find:replace items applied to labels in order.", Python = true), ParsedWith(typeof(LabelReplacementSettingParser))] public IReadOnlyList<KeyValuePair<string, string>> CharactersToReplaceInLabel { get; set; } = [];

    [Setting("ignore_pattern_types", "Drop indicators whose pattern_type is in pattern_types_to_ignore.", Python = true)] public bool IgnorePatternTypes { get; set; }

    [Setting("pattern_types_to_ignore", "Comma-separated pattern types (stix, yara, sigma, ...).", Python = true)] public IReadOnlyList<string> PatternTypesToIgnore { get; set; } = [];

    [Setting("ignore_object_types", "Drop objects whose type is in object_types_to_ignore.", Python = true)] public bool IgnoreObjectTypes { get; set; }

    [Setting("object_types_to_ignore", "Comma-separated STIX object types.", Python = true)] public IReadOnlyList<string> ObjectTypesToIgnore { get; set; } = [];

    [Setting("ignore_specific_patterns", "Drop indicators whose pattern contains one of patterns_to_ignore.", Python = true)] public bool IgnoreSpecificPatterns { get; set; }

    [Setting("patterns_to_ignore", "Comma-separated substrings of patterns.", Python = true)] public IReadOnlyList<string> PatternsToIgnore { get; set; } = [];

    [Setting("ignore_specific_notes", "Drop notes whose content contains one of notes_to_ignore.", Python = true)] public bool IgnoreSpecificNotes { get; set; }

    [Setting("notes_to_ignore", "Comma-separated substrings of note contents.", Python = true)] public IReadOnlyList<string> NotesToIgnore { get; set; } = [];

    [Setting("save_original_indicator_id_to_note", "Keep each indicator's original id in a note.", Python = true), Configures<StixTransformerOptions>] public bool SaveOriginalIndicatorIdToNote { get; set; }

    [Setting("save_original_indicator_id_abstract", "The abstract of that note.", Python = true), Configures<StixTransformerOptions>(nameof(StixTransformerOptions.OriginalIndicatorIdNoteAbstract))] public string SaveOriginalIndicatorIdAbstract { get; set; } = "Original indicator id";

    [Setting("change_report_status", "Set x_opencti_workflow_id on imported reports.", Python = true)] public bool ChangeReportStatus { get; set; }

    [Setting("change_report_status_x_opencti_workflow_id", "The workflow status id given to reports.", Python = true)] public string? ChangeReportStatusWorkflowId { get; set; }

    /// <summary>One of <see cref="Markings"/>, or null.</summary>
    [Setting("default_marking", "TLP marking for objects without object_marking_refs: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED."), ParsedWith(typeof(MarkingSettingParser)), Configures<StixTransformerOptions>] public string? DefaultMarking { get; set; }

    /// <summary>Read by the de-duplication registration, per source.</summary>
    [Setting("dedup", "Send each object version once: skip objects whose (id, modified), or content when they have no modified, the sink already acknowledged (run --full-resync bypasses it for one run).")] public bool Dedup { get; set; } = true;

    /// <summary>Cross-field rules; <paramref name="settings"/> names the keys in the section being validated.</summary>
    public void Validate(ConfigValidationContext context, SectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var pattern in LabelsToExclude)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException exception)
            {
                context.AddProblem(settings.Key(nameof(LabelsToExclude)), $"'{pattern}' is not a valid regular expression ({exception.Message})");
            }
        }

        if (CreateAuthor && AuthorName is null)
        {
            context.AddProblem(settings.Key(nameof(AuthorName)), $"is required when {settings.Key(nameof(CreateAuthor)).DisplayName} is true");
        }

        if (AddCustomLabel && CustomLabel is null)
        {
            context.AddProblem(settings.Key(nameof(CustomLabel)), $"is required when {settings.Key(nameof(AddCustomLabel)).DisplayName} is true");
        }

        if (StixCustomPropertyToLabel && StixCustomProperty is null)
        {
            context.AddProblem(settings.Key(nameof(StixCustomProperty)), $"is required when {settings.Key(nameof(StixCustomPropertyToLabel)).DisplayName} is true");
        }

        if (ChangeReportStatus && ChangeReportStatusWorkflowId is null)
        {
            context.AddProblem(settings.Key(nameof(ChangeReportStatusWorkflowId)), $"is required when {settings.Key(nameof(ChangeReportStatus)).DisplayName} is true");
        }
    }
}
