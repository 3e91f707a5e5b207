using System.Text.RegularExpressions;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Configuration.Transform;

/// <summary>
/// The object-processing settings of one source section, read with <see cref="TransformerKeys"/> and mapped to the
/// transformer's contract (<see cref="StixTransformerOptions"/>). The Python connector's on/off switch plus list pairs
/// collapse into one list each: an empty list is "off".
/// </summary>
public sealed class TransformerSettings
{
    public static readonly IReadOnlyList<string> Markings = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    public bool CreateIndicators { get; set; } = true;
    public bool CreateObservables { get; set; } = true;
    public bool AddCustomLabel { get; set; }
    public string? CustomLabel { get; set; }
    public bool ForcePatternAsName { get; set; }
    public string ForceMultiplePatternName { get; set; } = "Multiple Indicators";
    public bool StixCustomPropertyToLabel { get; set; }
    public string? StixCustomProperty { get; set; }
    public bool DetermineScoreByLabel { get; set; }
    public int DefaultScore { get; set; } = 50;
    public IReadOnlyList<string> HighScoreLabels { get; set; } = ["high"];
    public int HighScore { get; set; } = 80;
    public IReadOnlyList<string> MediumScoreLabels { get; set; } = ["medium"];
    public int MediumScore { get; set; } = 60;
    public IReadOnlyList<string> LowScoreLabels { get; set; } = ["low"];
    public int LowScore { get; set; } = 40;
    public bool SetIndicatorAsDetection { get; set; }
    public bool CreateAuthor { get; set; }
    public string? AuthorName { get; set; }
    public string? AuthorDescription { get; set; }
    public string? AuthorReliability { get; set; } = "A - Completely reliable";
    public bool AuthorOverride { get; set; }
    public bool ExcludeSpecificLabels { get; set; }
    public IReadOnlyList<string> LabelsToExclude { get; set; } = [];
    public bool ReplaceCharactersInLabel { get; set; }
    public IReadOnlyList<KeyValuePair<string, string>> CharactersToReplaceInLabel { get; set; } = [];
    public bool IgnorePatternTypes { get; set; }
    public IReadOnlyList<string> PatternTypesToIgnore { get; set; } = [];
    public bool IgnoreObjectTypes { get; set; }
    public IReadOnlyList<string> ObjectTypesToIgnore { get; set; } = [];
    public bool IgnoreSpecificPatterns { get; set; }
    public IReadOnlyList<string> PatternsToIgnore { get; set; } = [];
    public bool IgnoreSpecificNotes { get; set; }
    public IReadOnlyList<string> NotesToIgnore { get; set; } = [];
    public bool SaveOriginalIndicatorIdToNote { get; set; }
    public string SaveOriginalIndicatorIdAbstract { get; set; } = "Original indicator id";
    public bool ChangeReportStatus { get; set; }
    public string? ChangeReportStatusWorkflowId { get; set; }

    /// <summary>One of <see cref="Markings"/>, or null.</summary>
    public string? DefaultMarking { get; set; }

    public void Read(ConfigSectionReader reader, TransformerKeys keys)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(keys);
        CreateIndicators = reader.GetBool(keys.CreateIndicators);
        CreateObservables = reader.GetBool(keys.CreateObservables);
        AddCustomLabel = reader.GetBool(keys.AddCustomLabel);
        CustomLabel = reader.GetString(keys.CustomLabel);
        ForcePatternAsName = reader.GetBool(keys.ForcePatternAsName);
        ForceMultiplePatternName = reader.GetString(keys.ForceMultiplePatternName) ?? "Multiple Indicators";
        StixCustomPropertyToLabel = reader.GetBool(keys.StixCustomPropertyToLabel);
        StixCustomProperty = reader.GetString(keys.StixCustomProperty);
        DetermineScoreByLabel = reader.GetBool(keys.DetermineScoreByLabel);
        DefaultScore = reader.GetInt(keys.DefaultScore, 0, 100);
        HighScoreLabels = reader.GetList(keys.HighScoreLabels);
        HighScore = reader.GetInt(keys.HighScore, 0, 100);
        MediumScoreLabels = reader.GetList(keys.MediumScoreLabels);
        MediumScore = reader.GetInt(keys.MediumScore, 0, 100);
        LowScoreLabels = reader.GetList(keys.LowScoreLabels);
        LowScore = reader.GetInt(keys.LowScore, 0, 100);
        SetIndicatorAsDetection = reader.GetBool(keys.SetIndicatorAsDetection);
        CreateAuthor = reader.GetBool(keys.CreateAuthor);
        AuthorName = reader.GetString(keys.AuthorName);
        AuthorDescription = reader.GetString(keys.AuthorDescription);
        AuthorReliability = reader.GetString(keys.AuthorReliability);
        AuthorOverride = reader.GetBool(keys.AuthorOverride);
        ExcludeSpecificLabels = reader.GetBool(keys.ExcludeSpecificLabels);
        LabelsToExclude = reader.GetList(keys.LabelsToExclude);
        ReplaceCharactersInLabel = reader.GetBool(keys.ReplaceCharactersInLabel);
        CharactersToReplaceInLabel = ReadReplacements(reader, keys.CharactersToReplaceInLabel);
        IgnorePatternTypes = reader.GetBool(keys.IgnorePatternTypes);
        PatternTypesToIgnore = reader.GetList(keys.PatternTypesToIgnore);
        IgnoreObjectTypes = reader.GetBool(keys.IgnoreObjectTypes);
        ObjectTypesToIgnore = reader.GetList(keys.ObjectTypesToIgnore);
        IgnoreSpecificPatterns = reader.GetBool(keys.IgnoreSpecificPatterns);
        PatternsToIgnore = reader.GetList(keys.PatternsToIgnore);
        IgnoreSpecificNotes = reader.GetBool(keys.IgnoreSpecificNotes);
        NotesToIgnore = reader.GetList(keys.NotesToIgnore);
        SaveOriginalIndicatorIdToNote = reader.GetBool(keys.SaveOriginalIndicatorIdToNote);
        SaveOriginalIndicatorIdAbstract = reader.GetString(keys.SaveOriginalIndicatorIdAbstract) ?? "Original indicator id";
        ChangeReportStatus = reader.GetBool(keys.ChangeReportStatus);
        ChangeReportStatusWorkflowId = reader.GetString(keys.ChangeReportStatusWorkflowId);
        DefaultMarking = ReadMarking(reader, keys.DefaultMarking);

        foreach (var pattern in LabelsToExclude)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException exception)
            {
                reader.AddProblem(keys.LabelsToExclude, $"'{pattern}' is not a valid regular expression ({exception.Message})");
            }
        }
    }

    public void Validate(ConfigValidationContext context, TransformerKeys keys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keys);
        if (CreateAuthor && AuthorName is null)
        {
            context.AddProblem(keys.AuthorName, $"is required when {keys.CreateAuthor.DisplayName} is true");
        }

        if (AddCustomLabel && CustomLabel is null)
        {
            context.AddProblem(keys.CustomLabel, $"is required when {keys.AddCustomLabel.DisplayName} is true");
        }

        if (StixCustomPropertyToLabel && StixCustomProperty is null)
        {
            context.AddProblem(keys.StixCustomProperty, $"is required when {keys.StixCustomPropertyToLabel.DisplayName} is true");
        }

        if (ChangeReportStatus && ChangeReportStatusWorkflowId is null)
        {
            context.AddProblem(keys.ChangeReportStatusWorkflowId, $"is required when {keys.ChangeReportStatus.DisplayName} is true");
        }
    }

    /// <summary>The transformer's options: each switch with its list becomes one list, empty when off.</summary>
    public StixTransformerOptions ToStixTransformerOptions() => new()
    {
        CreateIndicators = CreateIndicators,
        CreateObservables = CreateObservables,
        AddCustomLabel = AddCustomLabel && CustomLabel is not null,
        CustomLabel = AddCustomLabel ? CustomLabel : null,
        StixCustomPropertyToLabel = StixCustomPropertyToLabel && StixCustomProperty is not null,
        StixCustomProperty = StixCustomPropertyToLabel ? StixCustomProperty : null,
        ForcePatternAsName = ForcePatternAsName,
        ForceMultiplePatternName = ForceMultiplePatternName,
        DetermineScoreByLabel = DetermineScoreByLabel,
        DefaultScore = DefaultScore,
        HighScoreLabels = HighScoreLabels,
        HighScore = HighScore,
        MediumScoreLabels = MediumScoreLabels,
        MediumScore = MediumScore,
        LowScoreLabels = LowScoreLabels,
        LowScore = LowScore,
        SetIndicatorAsDetection = SetIndicatorAsDetection,
        CreateAuthor = CreateAuthor,
        AuthorName = AuthorName,
        AuthorDescription = AuthorDescription,
        AuthorReliability = AuthorReliability,
        AuthorOverride = AuthorOverride,
        IgnorePatternTypes = IgnorePatternTypes ? PatternTypesToIgnore : [],
        IgnoreObjectTypes = IgnoreObjectTypes ? ObjectTypesToIgnore : [],
        IgnoreSpecificPatterns = IgnoreSpecificPatterns ? PatternsToIgnore : [],
        IgnoreSpecificNotes = IgnoreSpecificNotes ? NotesToIgnore : [],
        ExcludeLabelPatterns = ExcludeSpecificLabels ? LabelsToExclude : [],
        LabelReplacements = ReplaceCharactersInLabel ? CharactersToReplaceInLabel : [],
        SaveOriginalIndicatorIdToNote = SaveOriginalIndicatorIdToNote,
        OriginalIndicatorIdNoteAbstract = SaveOriginalIndicatorIdAbstract,
        ReportStatusWorkflowId = ChangeReportStatus ? ChangeReportStatusWorkflowId : null,
        DefaultMarking = DefaultMarking,
    };

    private static IReadOnlyList<KeyValuePair<string, string>> ReadReplacements(ConfigSectionReader reader, ConfigKey key)
    {
        // Raw value, not GetList: the items' whitespace is meaningful (see LabelReplacementParser).
        var raw = reader.GetRawValue(key)
            ?? string.Join(',', reader.GetSection(key).GetChildren().Select(child => child.Value));
        if (LabelReplacementParser.TryParse(raw, out var replacements, out var malformed))
        {
            return replacements;
        }

        reader.AddProblem(key, $"'{malformed}' is not a find:replace item");
        return [];
    }

    private static string? ReadMarking(ConfigSectionReader reader, ConfigKey key)
    {
        var text = reader.GetString(key);
        if (text is null)
        {
            return null;
        }

        // TLP 2.0 renamed WHITE to CLEAR; both mean the same marking definition.
        if (string.Equals(text, "TLP:WHITE", StringComparison.OrdinalIgnoreCase))
        {
            return "TLP:CLEAR";
        }

        var match = Markings.FirstOrDefault(marking => string.Equals(marking, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            reader.AddProblem(key, $"'{text}' is not one of: {string.Join(", ", Markings)}");
        }

        return match;
    }
}
