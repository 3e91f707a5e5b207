using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Configuration.Transform;

/// <summary><c>characters_to_replace_in_label</c>: the raw value (or a YAML sequence), items' whitespace kept for <see cref="LabelReplacementParser"/>.</summary>
internal sealed class LabelReplacementSettingParser : ISettingParser
{
    public object? Parse(ConfigSectionReader reader, ConfigKey key)
    {
        var raw = reader.GetRawValue(key)
            ?? string.Join(',', reader.GetSection(key).GetChildren().Select(child => child.Value));
        if (LabelReplacementParser.TryParse(raw, out var replacements, out var malformed))
        {
            return replacements;
        }

        reader.AddProblem(key, $"'{malformed}' is not a find:replace item");
        return null;
    }

    public string Format(object? value) =>
        value is IEnumerable<KeyValuePair<string, string>> pairs
            ? string.Join(',', pairs.Select(pair => $"{pair.Key}:{pair.Value}"))
            : string.Empty;
}
