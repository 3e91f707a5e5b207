using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Stix.Transform;

namespace TaxiiConnector.Tests.Pipeline.Cleanup;

/// <summary>
/// The objects of issue 15 part 3: a custom type, an extension definition, a relationship to the custom object, a report
/// and a note that name each other, duplicated external references and kill chain phases, and a relationship whose
/// target is simply not in the collection.
/// </summary>
internal static class PlatformCleanupCollection
{
    public const string Identity = "identity--0b1c9e4e-34c8-4e3a-9b8b-6f5c2b9d8a01";
    public const string Widget = "x-acme-widget--6d3f7a51-0e2c-4b7e-9f1a-2c8d4e6b0a12";
    public const string ExtensionDefinition = "extension-definition--1f4e0c2d-7a3b-4c5d-8e9f-0a1b2c3d4e5f";
    public const string Malware = "malware--3a9d2b4c-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    public const string RelationshipToWidget = "relationship--7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string Report = "report--8e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b";
    public const string Note = "note--9f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c";
    public const string MissingTarget = "malware--00000000-dead-4bee-8f00-000000000001";
    public const string RelationshipToMissing = "relationship--2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

    public static string[] Objects =>
    [
        $$"""{"type":"identity","spec_version":"2.1","id":"{{Identity}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"ACME","identity_class":"organization"}""",
        $$"""{"type":"x-acme-widget","spec_version":"2.1","id":"{{Widget}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"widget"}""",
        $$"""{"type":"extension-definition","spec_version":"2.1","id":"{{ExtensionDefinition}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"acme","schema":"https://acme.example/schema","version":"1.0","extension_types":["new-sdo"],"created_by_ref":"{{Identity}}"}""",
        $$"""{"type":"malware","spec_version":"2.1","id":"{{Malware}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"dropper","is_family":true,"created_by_ref":"{{Identity}}","external_references":[{"source_name":"acme","url":"https://acme.example/1"},{"source_name":"acme mirror","url":"https://acme.example/1"},{"source_name":"mitre-attack","external_id":"S0001"},{"source_name":"mitre-attack","external_id":"S0001","description":"again"},{"source_name":"a citation","description":"no url, no external id"}],"kill_chain_phases":[{"kill_chain_name":"lockheed","phase_name":"delivery"},{"kill_chain_name":"lockheed","phase_name":"delivery"},{"kill_chain_name":"lockheed","phase_name":"installation"}]}""",
        $$"""{"type":"relationship","spec_version":"2.1","id":"{{RelationshipToWidget}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","relationship_type":"uses","source_ref":"{{Malware}}","target_ref":"{{Widget}}"}""",
        $$"""{"type":"report","spec_version":"2.1","id":"{{Report}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"weekly","published":"2024-01-01T00:00:00.000Z","object_refs":["{{Note}}","{{Malware}}","{{Widget}}","{{Malware}}"]}""",
        $$"""{"type":"note","spec_version":"2.1","id":"{{Note}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","content":"see the report","object_refs":["{{Report}}","{{Malware}}"]}""",
        $$"""{"type":"relationship","spec_version":"2.1","id":"{{RelationshipToMissing}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","relationship_type":"related-to","source_ref":"{{Malware}}","target_ref":"{{MissingTarget}}"}""",
    ];

    /// <summary>The transformer's output for the collection: what pycti would be handed.</summary>
    public static Dictionary<string, JsonObject> Transformed(StixTransformerOptions options)
    {
        using var document = JsonDocument.Parse("[" + string.Join(',', Objects) + "]");
        using var transformed = new StixTransformer(options, NullLogger<StixTransformer>.Instance, TimeProvider.System)
            .Transform([.. document.RootElement.EnumerateArray()]);
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var i = 0; i < transformed.Count; i++)
        {
            result[transformed.GetObjectId(i)] = JsonNode.Parse(transformed.GetObjectJson(i))!.AsObject();
        }

        return result;
    }

    /// <summary>
    /// What pycti's splitter leaves of the transformed objects, id by id (PlatformCleanupTests' class comment cites the
    /// lines of <c>opencti_stix2_splitter.py</c> each edit comes from).
    /// </summary>
    public static Dictionary<string, JsonObject> ExpectedAfterPyctiCleanup(StixTransformerOptions options)
    {
        var objects = Transformed(options);
        objects.Remove(Widget);
        objects.Remove(ExtensionDefinition);
        objects.Remove(RelationshipToWidget);
        objects[Report]["object_refs"] = new JsonArray(Note, Malware);
        objects[Note]["object_refs"] = new JsonArray(Malware);
        var malware = objects[Malware];
        var references = malware["external_references"]!.AsArray();
        malware["external_references"] = new JsonArray(references[0]!.DeepClone(), references[2]!.DeepClone());
        var phases = malware["kill_chain_phases"]!.AsArray();
        malware["kill_chain_phases"] = new JsonArray(phases[0]!.DeepClone(), phases[2]!.DeepClone());
        return objects;
    }
}
