using TaxiiConnector.Taxii.Taxii2;
namespace TaxiiConnector.Server.Protocol;

/// <summary>
/// Decides whether a request's <c>Accept</c> lets the server answer with TAXII 2.1 (§1.6.8): at least one media range must be
/// <c>application/taxii+json</c> with <c>version=2.1</c> or without a version (which means "the newest you have").
/// </summary>
internal static class TaxiiAcceptHeader
{
    public static bool AcceptsTaxii21(IEnumerable<string?> acceptValues)
    {
        foreach (var value in acceptValues)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            foreach (var range in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (RangeAcceptsTaxii21(range))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool RangeAcceptsTaxii21(string range)
    {
        var parts = range.Split(';', StringSplitOptions.TrimEntries);
        if (!parts[0].Equals(TaxiiMediaTypes.TaxiiBase, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            var separator = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var name = parts[i][..separator].Trim();
            if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                return parts[i][(separator + 1)..].Trim().Trim('"') == "2.1";
            }
        }

        return true;
    }
}
