using System.Globalization;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>STIX 1 <c>Confidence/Value</c> to a STIX 2.1 confidence (0–100), as the OASIS elevator scales it.</summary>
internal static class Stix1Confidence
{
    public static int? ToStix21(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 0 and <= 100 ? (int)Math.Round(number, MidpointRounding.AwayFromZero) : null;
        }

        return text.ToUpperInvariant() switch
        {
            "HIGH" => 85,
            "MEDIUM" or "MED" => 50,
            "LOW" => 15,
            "NONE" => 0,
            _ => null,
        };
    }
}
