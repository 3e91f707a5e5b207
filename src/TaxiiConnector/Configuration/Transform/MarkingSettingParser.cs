using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration.Transform;

/// <summary><c>default_marking</c>: one of <see cref="TransformerSettings.Markings"/>, <c>TLP:WHITE</c> read as <c>TLP:CLEAR</c>.</summary>
internal sealed class MarkingSettingParser : ISettingParser
{
    public object? Parse(ConfigSectionReader reader, ConfigKey key)
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

        var match = TransformerSettings.Markings.FirstOrDefault(marking => string.Equals(marking, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            reader.AddProblem(key, $"'{text}' is not one of: {string.Join(", ", TransformerSettings.Markings)}");
        }

        return match;
    }

    public string Format(object? value) => value as string ?? string.Empty;
}
