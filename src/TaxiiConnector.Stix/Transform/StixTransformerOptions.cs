namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Every object-processing option of OpenCTI's Python TAXII2 connector, plus what this project adds. The host configures
/// one per source (taxii2, taxii11, cyberthreatexchange, taxii_push) from that source's section, which holds the
/// defaults: the values here are neutral (off, empty, zero), except for what no section exposes. Lists are already
/// trimmed; an empty list means the feature is off.
/// </summary>
public sealed class StixTransformerOptions
{
    public bool CreateIndicators { get; set; }
    public bool CreateObservables { get; set; }

    public bool AddCustomLabel { get; set; }
    public string? CustomLabel { get; set; }

    public bool StixCustomPropertyToLabel { get; set; }
    public string? StixCustomProperty { get; set; }

    public bool ForcePatternAsName { get; set; }
    public string ForceMultiplePatternName { get; set; } = string.Empty;

    public bool DetermineScoreByLabel { get; set; }
    public int DefaultScore { get; set; }
    public IReadOnlyList<string> HighScoreLabels { get; set; } = [];
    public int HighScore { get; set; }
    public IReadOnlyList<string> MediumScoreLabels { get; set; } = [];
    public int MediumScore { get; set; }
    public IReadOnlyList<string> LowScoreLabels { get; set; } = [];
    public int LowScore { get; set; }

    public bool SetIndicatorAsDetection { get; set; }

    public bool CreateAuthor { get; set; }
    public string? AuthorName { get; set; }
    public string? AuthorDescription { get; set; }
    public string? AuthorReliability { get; set; }
    /// <summary>Replace the producer's <c>created_by_ref</c> with the author (the Python connector always does).</summary>
    public bool AuthorOverride { get; set; }

    /// <summary>Python: <c>ignore_pattern_types</c> / <c>pattern_types_to_ignore</c>.</summary>
    public IReadOnlyList<string> IgnorePatternTypes { get; set; } = [];
    public IReadOnlyList<string> IgnoreObjectTypes { get; set; } = [];
    public IReadOnlyList<string> IgnoreSpecificPatterns { get; set; } = [];
    public IReadOnlyList<string> IgnoreSpecificNotes { get; set; } = [];

    /// <summary>Regular expressions; a label matching any of them is removed.</summary>
    public IReadOnlyList<string> ExcludeLabelPatterns { get; set; } = [];
    /// <summary><c>find:replace</c> pairs applied to labels in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LabelReplacements { get; set; } = [];

    public bool SaveOriginalIndicatorIdToNote { get; set; }
    public string OriginalIndicatorIdNoteAbstract { get; set; } = string.Empty;

    /// <summary>When set, every <c>report</c> gets <c>x_opencti_workflow_id</c>.</summary>
    public string? ReportStatusWorkflowId { get; set; }

    /// <summary><c>TLP:CLEAR</c>, <c>TLP:GREEN</c>, <c>TLP:AMBER</c>, <c>TLP:AMBER+STRICT</c>, <c>TLP:RED</c> or null.</summary>
    public string? DefaultMarking { get; set; }

    /// <summary>TAXII 2.0 sources: add <c>pattern_type: "stix"</c> where missing (2.1 sources too: it is harmless).</summary>
    public bool AddMissingPatternType { get; set; } = true;

    /// <summary>Copy <c>confidence</c> into <c>x_opencti_score</c> on indicators that have no score (TAXII push option).</summary>
    public bool CopyConfidenceToScore { get; set; }
}
