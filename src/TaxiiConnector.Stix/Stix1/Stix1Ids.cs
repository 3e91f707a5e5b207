using System.Text;
using TaxiiConnector.Stix.Ids;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// Deterministic STIX 2.1 ids for converted STIX 1 content, on top of the shared <see cref="UuidV5"/>,
/// <see cref="CanonicalJson"/> and <see cref="OpenCtiIds"/>: pycti's rules for identities, indicators and relationships,
/// STIX 2.1's for observables, and a UUIDv5 of the STIX 1 id for indicators whose producer keeps stable ids. A re-poll of
/// the same content yields the same ids (an upsert, not a duplicate).
/// </summary>
internal static class Stix1Ids
{
    /// <summary>OpenCTI's namespace, which is also STIX 2.1's namespace for SCO ids.</summary>
    public static Guid OpenCtiNamespace => OpenCtiIds.Namespace;

    /// <summary>This project's namespace for ids derived from STIX 1 ids (the name is the full STIX 1 id, e.g. <c>example:Indicator-…</c>).</summary>
    public static readonly Guid Stix1Namespace = new("6b5d6a7e-4a40-4f0e-9d2e-8c1f3b0a7c21");

    /// <summary>pycti's organisation identity id: <c>{"identity_class":"organization","name":lower(trim(name))}</c>.</summary>
    public static string Identity(string name) => OpenCtiIds.Identity(name);

    /// <summary>pycti's indicator id: <c>{"pattern":pattern}</c>.</summary>
    public static string IndicatorFromPattern(string pattern) =>
        "indicator--" + UuidV5(OpenCtiNamespace, CanonicalJson.Serialize(new KeyValuePair<string, string>("pattern", pattern)));

    public static string IndicatorFromStix1Id(string stix1Id) => "indicator--" + UuidV5(Stix1Namespace, stix1Id);

    /// <summary>pycti's relationship id without start/stop times.</summary>
    public static string Relationship(string relationshipType, string sourceRef, string targetRef) =>
        "relationship--" + UuidV5(OpenCtiNamespace, CanonicalJson.Serialize(
            new("relationship_type", relationshipType), new("source_ref", sourceRef), new("target_ref", targetRef)));

    /// <summary>STIX 2.1 SCO id over <c>{"value":value}</c> (domain-name, ipv4-addr, ipv6-addr, email-addr, url, mac-addr).</summary>
    public static string ValueObservable(string type, string value) =>
        type + "--" + UuidV5(OpenCtiNamespace, CanonicalJson.Serialize(new KeyValuePair<string, string>("value", value)));

    /// <summary>STIX 2.1 file id: one hash (MD5, SHA-1, SHA-256, SHA-512 preferred in that order) and the name.</summary>
    public static string File(IReadOnlyList<KeyValuePair<string, string>> hashes, string? name)
    {
        // {"hashes":{"<algorithm>":"<value>"},"name":"<name>"}: keys already in JCS order, the nested object built from
        // the shared serialiser's output for a one-member object.
        var builder = new StringBuilder("{");
        if (PreferredHash(hashes) is { } hash)
        {
            builder.Append("\"hashes\":").Append(CanonicalJson.Serialize(hash));
        }

        if (name is not null)
        {
            var nameMember = CanonicalJson.Serialize(new KeyValuePair<string, string>("name", name));
            builder.Append(builder.Length > 1 ? "," : string.Empty).Append(nameMember, 1, nameMember.Length - 2);
        }

        builder.Append('}');
        return "file--" + UuidV5(OpenCtiNamespace, builder.ToString());
    }

    internal static KeyValuePair<string, string>? PreferredHash(IReadOnlyList<KeyValuePair<string, string>> hashes)
    {
        foreach (var algorithm in (string[])["MD5", "SHA-1", "SHA-256", "SHA-512"])
        {
            foreach (var hash in hashes)
            {
                if (hash.Key == algorithm)
                {
                    return hash;
                }
            }
        }

        return hashes.Count > 0 ? hashes[0] : null;
    }

    internal static Guid UuidV5(Guid namespaceId, string name) => Ids.UuidV5.Create(namespaceId, name);
}
