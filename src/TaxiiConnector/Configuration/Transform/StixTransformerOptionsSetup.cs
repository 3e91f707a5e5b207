using Microsoft.Extensions.Options;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Configuration.Transform;

/// <summary>
/// Configures the transformer's options named after a source's section (<c>taxii2</c>, <c>taxii11</c>, ...) from that
/// section's object-processing settings. The Python connector's on/off switch plus list pairs collapse into one list
/// each: an empty list is "off". Every default is the section's declaration; the transformer's options restate none.
/// </summary>
/// <param name="section">The source's section name, which names the options.</param>
/// <param name="settings">The section's object-processing settings, as read.</param>
public sealed class StixTransformerOptionsSetup(string section, TransformerSettings settings) : IConfigureNamedOptions<StixTransformerOptions>
{
    /// <summary>
    /// Options configured from <paramref name="settings"/> alone, for a section that builds several outside the container
    /// (the push endpoint's per-collection transformers).
    /// </summary>
    public static StixTransformerOptions Create(string section, TransformerSettings settings)
    {
        var options = new StixTransformerOptions();
        new StixTransformerOptionsSetup(section, settings).Configure(section, options);
        return options;
    }

    public void Configure(StixTransformerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, StixTransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name, section, StringComparison.Ordinal))
        {
            return;
        }

        options.CreateIndicators = settings.CreateIndicators;
        options.CreateObservables = settings.CreateObservables;
        options.AddCustomLabel = settings.AddCustomLabel && settings.CustomLabel is not null;
        options.CustomLabel = settings.AddCustomLabel ? settings.CustomLabel : null;
        options.StixCustomPropertyToLabel = settings.StixCustomPropertyToLabel && settings.StixCustomProperty is not null;
        options.StixCustomProperty = settings.StixCustomPropertyToLabel ? settings.StixCustomProperty : null;
        options.ForcePatternAsName = settings.ForcePatternAsName;
        options.ForceMultiplePatternName = settings.ForceMultiplePatternName;
        options.DetermineScoreByLabel = settings.DetermineScoreByLabel;
        options.DefaultScore = settings.DefaultScore;
        options.HighScoreLabels = settings.HighScoreLabels;
        options.HighScore = settings.HighScore;
        options.MediumScoreLabels = settings.MediumScoreLabels;
        options.MediumScore = settings.MediumScore;
        options.LowScoreLabels = settings.LowScoreLabels;
        options.LowScore = settings.LowScore;
        options.SetIndicatorAsDetection = settings.SetIndicatorAsDetection;
        options.CreateAuthor = settings.CreateAuthor;
        options.AuthorName = settings.AuthorName;
        options.AuthorDescription = settings.AuthorDescription;
        options.AuthorReliability = settings.AuthorReliability;
        options.AuthorOverride = settings.AuthorOverride;
        options.IgnorePatternTypes = settings.IgnorePatternTypes ? settings.PatternTypesToIgnore : [];
        options.IgnoreObjectTypes = settings.IgnoreObjectTypes ? settings.ObjectTypesToIgnore : [];
        options.IgnoreSpecificPatterns = settings.IgnoreSpecificPatterns ? settings.PatternsToIgnore : [];
        options.IgnoreSpecificNotes = settings.IgnoreSpecificNotes ? settings.NotesToIgnore : [];
        options.ExcludeLabelPatterns = settings.ExcludeSpecificLabels ? settings.LabelsToExclude : [];
        options.LabelReplacements = settings.ReplaceCharactersInLabel ? settings.CharactersToReplaceInLabel : [];
        options.SaveOriginalIndicatorIdToNote = settings.SaveOriginalIndicatorIdToNote;
        options.OriginalIndicatorIdNoteAbstract = settings.SaveOriginalIndicatorIdAbstract;
        options.ReportStatusWorkflowId = settings.ChangeReportStatus ? settings.ChangeReportStatusWorkflowId : null;
        options.DefaultMarking = settings.DefaultMarking;
    }
}
