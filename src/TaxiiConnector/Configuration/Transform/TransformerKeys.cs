namespace TaxiiConnector.Configuration.Transform;

/// <summary>
/// The object-processing keys of OpenCTI's Python TAXII 2 connector (the undocumented
/// filter options included), declared for any section: <c>taxii2</c> has them as the Python connector does, and the
/// other sources (<c>taxii11</c>, <c>cyberthreatexchange</c>, <c>taxii_push</c>) reuse the same names under their own
/// section with <c>TransformerKeys.For("taxii11", pythonKeys: false)</c>.
/// </summary>
public sealed class TransformerKeys
{
    private TransformerKeys(string section, bool pythonKeys)
    {
        ConfigKey Key(string name, string defaultValue, string description, bool isPython = true) =>
            new(section, name, defaultValue, description) { IsPythonKey = pythonKeys && isPython };

        CreateIndicators = Key("create_indicators", "true", "Ask OpenCTI to create an indicator for each imported observable (x_opencti_create_indicator).");
        CreateObservables = Key("create_observables", "true", "Ask OpenCTI to create observables from each imported indicator (x_opencti_create_observables).");
        AddCustomLabel = Key("add_custom_label", "false", "Add custom_label to every imported object.");
        CustomLabel = Key("custom_label", "", "The label added when add_custom_label is true.");
        ForcePatternAsName = Key("force_pattern_as_name", "false", "Use the indicator's pattern as its name.");
        ForceMultiplePatternName = Key("force_multiple_pattern_name", "Multiple Indicators", "Name for indicators whose pattern combines several comparisons (with force_pattern_as_name).");
        StixCustomPropertyToLabel = Key("stix_custom_property_to_label", "false", "Turn the values of stix_custom_property into labels.");
        StixCustomProperty = Key("stix_custom_property", "", "The custom STIX property turned into labels.");
        DetermineScoreByLabel = Key("determine_x_opencti_score_by_label", "false", "Set x_opencti_score from the indicator's labels.");
        DefaultScore = Key("default_x_opencti_score", "50", "Score for indicators with no score and no matching label (0-100).");
        HighScoreLabels = Key("indicator_high_score_labels", "high", "Comma-separated labels that give indicator_high_score.");
        HighScore = Key("indicator_high_score", "80", "Score for the high labels (0-100).");
        MediumScoreLabels = Key("indicator_medium_score_labels", "medium", "Comma-separated labels that give indicator_medium_score.");
        MediumScore = Key("indicator_medium_score", "60", "Score for the medium labels (0-100).");
        LowScoreLabels = Key("indicator_low_score_labels", "low", "Comma-separated labels that give indicator_low_score.");
        LowScore = Key("indicator_low_score", "40", "Score for the low labels (0-100).");
        SetIndicatorAsDetection = Key("set_indicator_as_detection", "false", "Set x_opencti_detection on indicators.");
        CreateAuthor = Key("create_author", "false", "Create an author identity and set it as created_by_ref where missing.");
        AuthorName = Key("author_name", "", "The author's name (required when create_author is true).");
        AuthorDescription = Key("author_description", "", "The author's description.");
        AuthorReliability = Key("author_reliability", "A - Completely reliable", "The author's x_opencti_reliability.");
        ExcludeSpecificLabels = Key("exclude_specific_labels", "false", "Remove labels matching labels_to_exclude.");
        LabelsToExclude = Key("labels_to_exclude", "", "Comma-separated regular expressions; a label matching one is removed.");
        ReplaceCharactersInLabel = Key("replace_characters_in_label", "false", "Replace characters in labels as characters_to_replace_in_label says.");
        CharactersToReplaceInLabel = Key("characters_to_replace_in_label", "", "Comma-separated find:replace items applied to labels in order.");
        IgnorePatternTypes = Key("ignore_pattern_types", "false", "Drop indicators whose pattern_type is in pattern_types_to_ignore.");
        PatternTypesToIgnore = Key("pattern_types_to_ignore", "", "Comma-separated pattern types (stix, yara, sigma, ...).");
        IgnoreObjectTypes = Key("ignore_object_types", "false", "Drop objects whose type is in object_types_to_ignore.");
        ObjectTypesToIgnore = Key("object_types_to_ignore", "", "Comma-separated STIX object types.");
        IgnoreSpecificPatterns = Key("ignore_specific_patterns", "false", "Drop indicators whose pattern contains one of patterns_to_ignore.");
        PatternsToIgnore = Key("patterns_to_ignore", "", "Comma-separated substrings of patterns.");
        IgnoreSpecificNotes = Key("ignore_specific_notes", "false", "Drop notes whose content contains one of notes_to_ignore.");
        NotesToIgnore = Key("notes_to_ignore", "", "Comma-separated substrings of note contents.");
        SaveOriginalIndicatorIdToNote = Key("save_original_indicator_id_to_note", "false", "Keep each indicator's original id in a note.");
        SaveOriginalIndicatorIdAbstract = Key("save_original_indicator_id_abstract", "Original indicator id", "The abstract of that note.");
        ChangeReportStatus = Key("change_report_status", "false", "Set x_opencti_workflow_id on imported reports.");
        ChangeReportStatusWorkflowId = Key("change_report_status_x_opencti_workflow_id", "", "The workflow status id given to reports.");
        AuthorOverride = Key("author_override", "false", "Replace the producer's created_by_ref with the author (the Python connector always does).", isPython: false);
        DefaultMarking = Key("default_marking", "", "TLP marking for objects without object_marking_refs: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED.", isPython: false);

        All =
        [
            CreateIndicators, CreateObservables, AddCustomLabel, CustomLabel, ForcePatternAsName, ForceMultiplePatternName,
            StixCustomPropertyToLabel, StixCustomProperty, DetermineScoreByLabel, DefaultScore, HighScoreLabels, HighScore,
            MediumScoreLabels, MediumScore, LowScoreLabels, LowScore, SetIndicatorAsDetection, CreateAuthor, AuthorName,
            AuthorDescription, AuthorReliability, ExcludeSpecificLabels, LabelsToExclude, ReplaceCharactersInLabel,
            CharactersToReplaceInLabel, IgnorePatternTypes, PatternTypesToIgnore, IgnoreObjectTypes, ObjectTypesToIgnore,
            IgnoreSpecificPatterns, PatternsToIgnore, IgnoreSpecificNotes, NotesToIgnore, SaveOriginalIndicatorIdToNote,
            SaveOriginalIndicatorIdAbstract, ChangeReportStatus, ChangeReportStatusWorkflowId, AuthorOverride, DefaultMarking,
        ];
    }

    public ConfigKey CreateIndicators { get; }
    public ConfigKey CreateObservables { get; }
    public ConfigKey AddCustomLabel { get; }
    public ConfigKey CustomLabel { get; }
    public ConfigKey ForcePatternAsName { get; }
    public ConfigKey ForceMultiplePatternName { get; }
    public ConfigKey StixCustomPropertyToLabel { get; }
    public ConfigKey StixCustomProperty { get; }
    public ConfigKey DetermineScoreByLabel { get; }
    public ConfigKey DefaultScore { get; }
    public ConfigKey HighScoreLabels { get; }
    public ConfigKey HighScore { get; }
    public ConfigKey MediumScoreLabels { get; }
    public ConfigKey MediumScore { get; }
    public ConfigKey LowScoreLabels { get; }
    public ConfigKey LowScore { get; }
    public ConfigKey SetIndicatorAsDetection { get; }
    public ConfigKey CreateAuthor { get; }
    public ConfigKey AuthorName { get; }
    public ConfigKey AuthorDescription { get; }
    public ConfigKey AuthorReliability { get; }
    public ConfigKey ExcludeSpecificLabels { get; }
    public ConfigKey LabelsToExclude { get; }
    public ConfigKey ReplaceCharactersInLabel { get; }
    public ConfigKey CharactersToReplaceInLabel { get; }
    public ConfigKey IgnorePatternTypes { get; }
    public ConfigKey PatternTypesToIgnore { get; }
    public ConfigKey IgnoreObjectTypes { get; }
    public ConfigKey ObjectTypesToIgnore { get; }
    public ConfigKey IgnoreSpecificPatterns { get; }
    public ConfigKey PatternsToIgnore { get; }
    public ConfigKey IgnoreSpecificNotes { get; }
    public ConfigKey NotesToIgnore { get; }
    public ConfigKey SaveOriginalIndicatorIdToNote { get; }
    public ConfigKey SaveOriginalIndicatorIdAbstract { get; }
    public ConfigKey ChangeReportStatus { get; }
    public ConfigKey ChangeReportStatusWorkflowId { get; }
    public ConfigKey AuthorOverride { get; }
    public ConfigKey DefaultMarking { get; }

    /// <summary>Every key above, in documentation order.</summary>
    public IReadOnlyList<ConfigKey> All { get; }

    /// <param name="section">The section the keys live in.</param>
    /// <param name="pythonKeys">True only for <c>taxii2</c>, where these keys come from the Python connector.</param>
    public static TransformerKeys For(string section, bool pythonKeys) => new(section, pythonKeys);
}
