using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Stix.Tests.Support;

/// <summary>
/// What the host configures for a source whose section sets no object-processing key, as the library tests assume it:
/// <see cref="StixTransformerOptions"/> has no defaults for the values the host declares (a test in the host's suite
/// checks that).
/// </summary>
internal static class TransformDefaults
{
    public static StixTransformerOptions Create(Action<StixTransformerOptions>? configure = null)
    {
        var options = new StixTransformerOptions
        {
            CreateIndicators = true,
            CreateObservables = true,
            ForceMultiplePatternName = "Multiple Indicators",
            DefaultScore = 50,
            HighScoreLabels = ["high"],
            HighScore = 80,
            MediumScoreLabels = ["medium"],
            MediumScore = 60,
            LowScoreLabels = ["low"],
            LowScore = 40,
            AuthorReliability = "A - Completely reliable",
            OriginalIndicatorIdNoteAbstract = "Original indicator id",
        };
        configure?.Invoke(options);
        return options;
    }
}
