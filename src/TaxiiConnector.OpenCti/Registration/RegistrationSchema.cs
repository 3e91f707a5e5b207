using System.Collections.Frozen;
using System.Text.Json;

namespace TaxiiConnector.OpenCti.Registration;

/// <summary>
/// What this platform's <c>registerConnector</c> accepts: the fields of its <c>RegisterConnectorInput</c> and of its
/// <c>ConnectorConfig</c>. A platform refuses an input field or a selection it does not know, so the connector sends and
/// asks for only what is listed here, whatever the platform's version number says.
/// </summary>
public sealed class RegistrationSchema
{
    /// <summary>The <c>ConnectorConfig</c> fields the connector reads, in the order it asks for them.</summary>
    internal static readonly string[] UsedConfigFields = ["connection", "push", "push_routing", "push_exchange"];

    public RegistrationSchema(IEnumerable<string> inputFields, IEnumerable<string> configFields, bool introspected)
    {
        InputFields = inputFields.ToFrozenSet(StringComparer.Ordinal);
        ConfigFields = configFields.ToFrozenSet(StringComparer.Ordinal);
        Introspected = introspected;
    }

    /// <summary>
    /// What every supported platform (6.4 onwards) has: used when the platform would not say. Sends none of the fields
    /// added later (<c>auto_update</c>, <c>enrichment_resolution</c>, <c>listen_callback_uri</c>, <c>version</c>,
    /// <c>slug</c>), all of which are optional where they exist.
    /// </summary>
    public static RegistrationSchema Minimal { get; } = new(
        ["id", "name", "type", "scope", "auto", "only_contextual", "playbook_compatible"],
        UsedConfigFields,
        introspected: false);

    public FrozenSet<string> InputFields { get; }

    public FrozenSet<string> ConfigFields { get; }

    /// <summary>False when this is <see cref="Minimal"/> because the platform did not answer the introspection.</summary>
    public bool Introspected { get; }

    public bool HasInput(string field) => InputFields.Contains(field);

    /// <summary>The config fields to ask for: the ones the connector reads that this platform has.</summary>
    public IEnumerable<string> ConfigSelection() => UsedConfigFields.Where(ConfigFields.Contains);

    /// <summary>
    /// Reads the answer to <see cref="GraphQL.OpenCtiDocuments.RegistrationSchema"/> (<c>data</c>). Null when either type is
    /// missing from it, which no platform that can register a connector would answer.
    /// </summary>
    internal static RegistrationSchema? FromIntrospection(JsonElement data)
    {
        var input = FieldNames(data, "input");
        var config = FieldNames(data, "config");
        return input is null || config is null ? null : new RegistrationSchema(input, config, introspected: true);
    }

    private static List<string>? FieldNames(JsonElement data, string alias)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(alias, out var type) || type.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var member in new[] { "inputFields", "fields" })
        {
            if (type.TryGetProperty(member, out var fields) && fields.ValueKind == JsonValueKind.Array)
            {
                names.AddRange(fields.EnumerateArray()
                    .Select(field => field.ValueKind == JsonValueKind.Object && field.TryGetProperty("name"u8, out var name) && name.ValueKind == JsonValueKind.String
                        ? name.GetString()
                        : null)
                    .OfType<string>());
            }
        }

        return names.Count == 0 ? null : names;
    }
}
