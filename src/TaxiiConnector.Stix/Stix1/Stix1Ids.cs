using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaxiiConnector.Stix.Stix1;

/// <summary>
/// Deterministic STIX 2.1 ids for converted STIX 1 content: UUIDv5 over RFC 8785 canonical JSON, the way pycti and the
/// STIX 2.1 SCO rules build them, so a re-poll of the same content yields the same ids (an upsert, not a duplicate).
/// Kept internal to the STIX 1 converter; the transformer branch owns the project-wide <c>Ids/</c> helper, and this one
/// can be replaced by it once both are merged.
/// </summary>
internal static class Stix1Ids
{
    /// <summary>OpenCTI's namespace, which is also STIX 2.1's namespace for SCO ids.</summary>
    public static readonly Guid OpenCtiNamespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>This project's namespace for ids derived from STIX 1 ids (the name is the full STIX 1 id, e.g. <c>example:Indicator-…</c>).</summary>
    public static readonly Guid Stix1Namespace = new("6b5d6a7e-4a40-4f0e-9d2e-8c1f3b0a7c21");

    /// <summary>pycti's organisation identity id: <c>{"identity_class":"organization","name":lower(trim(name))}</c>.</summary>
    public static string Identity(string name) =>
        "identity--" + UuidV5(OpenCtiNamespace, Canonical(("identity_class", "organization"), ("name", name.Trim().ToLowerInvariant())));

    /// <summary>pycti's indicator id: <c>{"pattern":pattern}</c>.</summary>
    public static string IndicatorFromPattern(string pattern) =>
        "indicator--" + UuidV5(OpenCtiNamespace, Canonical(("pattern", pattern)));

    public static string IndicatorFromStix1Id(string stix1Id) => "indicator--" + UuidV5(Stix1Namespace, stix1Id);

    /// <summary>pycti's relationship id without start/stop times.</summary>
    public static string Relationship(string relationshipType, string sourceRef, string targetRef) =>
        "relationship--" + UuidV5(OpenCtiNamespace, Canonical(("relationship_type", relationshipType), ("source_ref", sourceRef), ("target_ref", targetRef)));

    /// <summary>STIX 2.1 SCO id over <c>{"value":value}</c> (domain-name, ipv4-addr, ipv6-addr, email-addr, url).</summary>
    public static string ValueObservable(string type, string value) => type + "--" + UuidV5(OpenCtiNamespace, Canonical(("value", value)));

    /// <summary>STIX 2.1 file id: one hash (MD5, SHA-1, SHA-256, SHA-512 preferred in that order) and the name.</summary>
    public static string File(IReadOnlyList<KeyValuePair<string, string>> hashes, string? name)
    {
        var builder = new StringBuilder("{");
        var hash = PreferredHash(hashes);
        if (hash is { } h)
        {
            builder.Append("\"hashes\":{");
            AppendString(builder, h.Key);
            builder.Append(':');
            AppendString(builder, h.Value);
            builder.Append('}');
        }

        if (name is not null)
        {
            if (hash is not null)
            {
                builder.Append(',');
            }

            builder.Append("\"name\":");
            AppendString(builder, name);
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

    internal static string Canonical(params (string Key, string Value)[] members)
    {
        Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder("{");
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendString(builder, members[i].Key);
            builder.Append(':');
            AppendString(builder, members[i].Value);
        }

        return builder.Append('}').ToString();
    }

    internal static Guid UuidV5(Guid namespaceId, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        namespaceId.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // RFC 4122 v5 is defined over SHA-1; this is an identifier, not a security hash.
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
