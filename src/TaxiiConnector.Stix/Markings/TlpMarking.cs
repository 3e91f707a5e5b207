namespace TaxiiConnector.Stix.Markings;

/// <summary>
/// The five TLP levels with the marking-definition ids the OpenCTI platform creates at start-up and resolves statically
/// (opencti-graphql <c>schema/identifier.js</c>, <c>STATIC_STANDARD_IDS</c>). TLP:CLEAR shares the id of STIX 2.1's
/// predefined TLP:WHITE object: OpenCTI maps both <c>TLP:WHITE</c> and <c>TLP:CLEAR</c> to it. The OASIS TLP 2.0
/// extension ids (e.g. <c>94868c89-…</c> for CLEAR) are NOT OpenCTI's; objects marked with them would reference a
/// marking the platform does not have.
/// </summary>
public sealed class TlpMarking
{
    public static readonly TlpMarking Clear = new(
        "TLP:CLEAR",
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        // STIX 2.1's predefined TLP:WHITE object, byte for byte in content, so any consumer accepts it; stix2-based
        // connectors put this very object in their bundles and OpenCTI maps it to TLP:CLEAR.
        """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:WHITE","definition":{"tlp":"white"}}""");

    public static readonly TlpMarking Green = new("TLP:GREEN", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", null);

    public static readonly TlpMarking Amber = new("TLP:AMBER", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", null);

    public static readonly TlpMarking AmberStrict = new(
        "TLP:AMBER+STRICT",
        "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
        // Not predefined by STIX 2.1: emitted the way OpenCTI connectors build it (a statement marking carrying
        // x_opencti_definition_type/x_opencti_definition), which pycti turns into the platform's own TLP:AMBER+STRICT.
        """{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--826578e1-40ad-459f-bc73-ede076f81f37","created":"2022-10-01T00:00:00.000Z","definition_type":"statement","name":"TLP:AMBER+STRICT","definition":{"statement":"custom"},"x_opencti_definition_type":"TLP","x_opencti_definition":"TLP:AMBER+STRICT"}""");

    public static readonly TlpMarking Red = new("TLP:RED", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", null);

    private TlpMarking(string name, string id, string? definitionJson)
    {
        Name = name;
        Id = id;
        DefinitionJson = definitionJson;
    }

    /// <summary><c>TLP:CLEAR</c>, <c>TLP:GREEN</c>, ...</summary>
    public string Name { get; }

    /// <summary>The marking-definition id OpenCTI uses for this level.</summary>
    public string Id { get; }

    /// <summary>
    /// The marking-definition object to ship in each bundle, or null when every consumer already knows the id
    /// (STIX 2.1's predefined GREEN, AMBER and RED objects).
    /// </summary>
    public string? DefinitionJson { get; }

    public static IReadOnlyList<TlpMarking> All { get; } = [Clear, Green, Amber, AmberStrict, Red];

    /// <summary>Accepts <c>TLP:CLEAR</c>, <c>clear</c>, <c>TLP:WHITE</c>, <c>amber+strict</c>, ... (case-insensitive).</summary>
    public static bool TryParse(string? value, out TlpMarking marking)
    {
        marking = Clear;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.StartsWith("TLP:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        TlpMarking? found = text.ToUpperInvariant() switch
        {
            "CLEAR" or "WHITE" => Clear,
            "GREEN" => Green,
            "AMBER" => Amber,
            "AMBER+STRICT" or "AMBER_STRICT" or "AMBER-STRICT" => AmberStrict,
            "RED" => Red,
            _ => null,
        };
        if (found is null)
        {
            return false;
        }

        marking = found;
        return true;
    }

    public override string ToString() => Name;
}
