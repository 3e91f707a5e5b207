namespace TaxiiConnector.Stix.Transform;

/// <summary>
/// Parses <c>TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL</c> items (<c>find:replace</c>, split at the first <c>:</c>).
/// A malformed item is reported at start-up instead of crashing the run (the Python connector's failure mode).
/// </summary>
public static class LabelReplacementParser
{
    /// <exception cref="FormatException">An item has no <c>:</c> or nothing to find.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            if (string.IsNullOrWhiteSpace(item))
            {
                continue;
            }

            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException(
                    $"Label replacement '{item}' is not 'find:replace' (TAXII2_CHARACTERS_TO_REPLACE_IN_LABEL / taxii2.characters_to_replace_in_label).");
            }

            pairs.Add(new(item[..colon], item[(colon + 1)..]));
        }

        return pairs;
    }
}
