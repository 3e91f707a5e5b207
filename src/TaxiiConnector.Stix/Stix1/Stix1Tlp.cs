namespace TaxiiConnector.Stix.Stix1;

/// <summary>TLP colours of STIX 1 markings to the STIX 2.1 predefined (and OpenCTI's) TLP marking-definition ids.</summary>
internal static class Stix1Tlp
{
    public static string? MarkingId(string? color) => color?.Trim().ToUpperInvariant() switch
    {
        "WHITE" or "CLEAR" => "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        "GREEN" => "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "AMBER" => "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        "AMBER+STRICT" => "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
        "RED" => "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        _ => null,
    };
}
