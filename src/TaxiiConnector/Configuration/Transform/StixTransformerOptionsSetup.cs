using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Declarations;
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
    // The settings the transformer takes as they are; the on/off switch plus list pairs are combined below.
    private static readonly OptionsMapping Mapped =
        OptionsMapping.For(SectionSettings.ForGroup<TransformerSettings>("transform", pythonKeys: false), typeof(StixTransformerOptions));

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

        Mapped.Copy(settings, options);
        options.AddCustomLabel = settings.AddCustomLabel && settings.CustomLabel is not null;
        options.CustomLabel = settings.AddCustomLabel ? settings.CustomLabel : null;
        options.StixCustomPropertyToLabel = settings.StixCustomPropertyToLabel && settings.StixCustomProperty is not null;
        options.StixCustomProperty = settings.StixCustomPropertyToLabel ? settings.StixCustomProperty : null;
        options.IgnorePatternTypes = settings.IgnorePatternTypes ? settings.PatternTypesToIgnore : [];
        options.IgnoreObjectTypes = settings.IgnoreObjectTypes ? settings.ObjectTypesToIgnore : [];
        options.IgnoreSpecificPatterns = settings.IgnoreSpecificPatterns ? settings.PatternsToIgnore : [];
        options.IgnoreSpecificNotes = settings.IgnoreSpecificNotes ? settings.NotesToIgnore : [];
        options.ExcludeLabelPatterns = settings.ExcludeSpecificLabels ? settings.LabelsToExclude : [];
        options.LabelReplacements = settings.ReplaceCharactersInLabel ? settings.CharactersToReplaceInLabel : [];
        options.ReportStatusWorkflowId = settings.ChangeReportStatus ? settings.ChangeReportStatusWorkflowId : null;
    }
}
