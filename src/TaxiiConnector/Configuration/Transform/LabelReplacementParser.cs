namespace TaxiiConnector.Configuration.Transform;

/// <summary>
/// Parses <c>characters_to_replace_in_label</c>: comma-separated <c>find:replace</c> items, split at the first colon.
/// Each part is trimmed unless it is only whitespace, because the Python connector's own example <c>"-:_, :_"</c>
/// replaces a space with an underscore: trimming every item would turn <c>" :_"</c> into a malformed <c>":_"</c>.
/// </summary>
public static class LabelReplacementParser
{
    public static bool TryParse(string? value, out IReadOnlyList<KeyValuePair<string, string>> replacements, out string? malformedItem)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        replacements = parsed;
        malformedItem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        foreach (var item in value.Split(','))
        {
            if (string.IsNullOrWhiteSpace(item))
            {
                continue;
            }

            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var find = colon < 0 ? string.Empty : TrimUnlessBlank(item[..colon]);
            if (colon < 0 || find.Length == 0)
            {
                malformedItem = item;
                return false;
            }

            parsed.Add(new KeyValuePair<string, string>(find, TrimUnlessBlank(item[(colon + 1)..])));
        }

        return true;
    }

    private static string TrimUnlessBlank(string part) => string.IsNullOrWhiteSpace(part) ? part : part.Trim();
}
