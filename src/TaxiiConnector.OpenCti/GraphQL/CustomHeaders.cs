namespace TaxiiConnector.OpenCti.GraphQL;

/// <summary><c>OPENCTI_CUSTOM_HEADERS</c>: <c>h1:v1;h2:v2</c>, split on <c>;</c>, then on the first <c>:</c>, trimmed.</summary>
internal static class CustomHeaders
{
    public static IEnumerable<(string Name, string Value)> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                yield return (pair[..colon].Trim(), pair[(colon + 1)..].Trim());
            }
        }
    }
}
