namespace TaxiiConnector.Taxii.Taxii2;

/// <summary>
/// The exact media-type strings taxii2-client sends (spaces matter to strict servers), and a lenient check of responses.
/// The project's server answers with the same 2.1 strings.
/// </summary>
public static class TaxiiMediaTypes
{
    /// <summary>TAXII 2.1 resources and envelopes; written without a space, as the strictest peers expect.</summary>
    public const string Taxii21 = "application/taxii+json;version=2.1";

    /// <summary>What a TAXII 2.1 collection holds.</summary>
    public const string Stix21 = "application/stix+json;version=2.1";

    /// <summary>The TAXII 2.1 media type without parameters.</summary>
    public const string TaxiiBase = "application/taxii+json";

    public const string Taxii20 = "application/vnd.oasis.taxii+json; version=2.0";
    public const string Stix20 = "application/vnd.oasis.stix+json; version=2.0";

    /// <summary>The Accept value for TAXII resources (discovery, API root, collections, status).</summary>
    public static string ResourceAccept(TaxiiVersion version) => version == TaxiiVersion.V20 ? Taxii20 : Taxii21;

    /// <summary>The Accept value for Get Objects: an envelope in 2.1, a STIX bundle in 2.0.</summary>
    public static string ObjectsAccept(TaxiiVersion version) => version == TaxiiVersion.V20 ? Stix20 : Taxii21;

    /// <summary>
    /// Whether a response Content-Type is a TAXII/STIX media type of <paramref name="version"/>, ignoring parameter order,
    /// whitespace, case and extra parameters such as <c>charset</c>.
    /// </summary>
    public static bool IsExpected(string? contentType, TaxiiVersion version)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        var type = parts[0];
        var versionParameter = parts.Skip(1)
            .Select(p => p.Replace(" ", string.Empty, StringComparison.Ordinal))
            .FirstOrDefault(p => p.StartsWith("version=", StringComparison.OrdinalIgnoreCase))?["version=".Length..];

        return version == TaxiiVersion.V20
            ? (type.Equals("application/vnd.oasis.taxii+json", StringComparison.OrdinalIgnoreCase)
               || type.Equals("application/vnd.oasis.stix+json", StringComparison.OrdinalIgnoreCase))
              && versionParameter is null or "2.0"
            : type.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase) && versionParameter is null or "2.1";
    }

    /// <summary>Whether the Content-Type names some TAXII media type of any version (used by the version probe).</summary>
    public static bool IsAnyTaxii(string? contentType) =>
        contentType is not null
        && (contentType.Contains("taxii+json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("stix+json", StringComparison.OrdinalIgnoreCase));
}
