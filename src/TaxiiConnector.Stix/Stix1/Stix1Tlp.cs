using TaxiiConnector.Stix.Markings;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>TLP colours of STIX 1 markings to the marking-definition ids OpenCTI uses (STIX 2.1's predefined TLP ids).</summary>
internal static class Stix1Tlp
{
    public static string? MarkingId(string? color) => TlpMarking.TryParse(color, out var marking) ? marking.Id : null;
}
