using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Benchmarks.Workload;

/// <summary>
/// "All options on": every transformer rule that does work on the generated collection's objects is switched on, and
/// every filter is armed with values that match nothing, so each object pays for every check yet reaches the sink.
/// One table feeds both the micro-benchmarks (options object) and the end-to-end run (configuration keys), so the two
/// always measure the same work.
/// </summary>
internal static class AllOptionsProfile
{
    public const string CustomLabel = "taxii-connector-bench";
    public const string AuthorName = "TaxiiConnector Benchmark";

    /// <summary>The <c>taxii2:*</c> configuration keys (the connector's own names) that select this profile.</summary>
    public static IReadOnlyDictionary<string, string> ConfigurationKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["add_custom_label"] = "true",
        ["custom_label"] = CustomLabel,
        ["stix_custom_property_to_label"] = "true",
        ["stix_custom_property"] = "indicator_types",
        ["force_pattern_as_name"] = "true",
        ["determine_x_opencti_score_by_label"] = "true",
        ["set_indicator_as_detection"] = "true",
        ["create_author"] = "true",
        ["author_name"] = AuthorName,
        ["author_description"] = "Generated benchmark data.",
        ["author_override"] = "true",
        ["exclude_specific_labels"] = "true",
        ["labels_to_exclude"] = "^internal-,^do-not-share$",
        ["replace_characters_in_label"] = "true",
        ["characters_to_replace_in_label"] = "_: ",
        ["ignore_pattern_types"] = "true",
        ["pattern_types_to_ignore"] = "yara,sigma",
        ["ignore_object_types"] = "true",
        ["object_types_to_ignore"] = "x-bench-never",
        ["ignore_specific_patterns"] = "true",
        ["patterns_to_ignore"] = "never-matches.invalid",
        ["ignore_specific_notes"] = "true",
        ["notes_to_ignore"] = "never-matches",
        ["save_original_indicator_id_to_note"] = "true",
        ["change_report_status"] = "true",
        ["change_report_status_x_opencti_workflow_id"] = "b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
        ["default_marking"] = "TLP:GREEN",
    };

    /// <summary>The same profile as an options object.</summary>
    public static StixTransformerOptions Create() => new()
    {
        AddCustomLabel = true,
        CustomLabel = CustomLabel,
        StixCustomPropertyToLabel = true,
        StixCustomProperty = "indicator_types",
        ForcePatternAsName = true,
        DetermineScoreByLabel = true,
        SetIndicatorAsDetection = true,
        CreateAuthor = true,
        AuthorName = AuthorName,
        AuthorDescription = "Generated benchmark data.",
        AuthorOverride = true,
        ExcludeLabelPatterns = ["^internal-", "^do-not-share$"],
        LabelReplacements = [new("_", " ")],
        IgnorePatternTypes = ["yara", "sigma"],
        IgnoreObjectTypes = ["x-bench-never"],
        IgnoreSpecificPatterns = ["never-matches.invalid"],
        IgnoreSpecificNotes = ["never-matches"],
        SaveOriginalIndicatorIdToNote = true,
        ReportStatusWorkflowId = "b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
        DefaultMarking = "TLP:GREEN",
    };

    /// <summary>The defaults: only the rules that are on unless configured off (create flags, missing pattern_type).</summary>
    public static StixTransformerOptions Plain() => new();
}
