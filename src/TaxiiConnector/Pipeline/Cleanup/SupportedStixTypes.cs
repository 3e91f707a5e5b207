using System.IO.Hashing;
using System.Text;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>
/// The object types the OpenCTI platform imports, as the platform's own client library lists them for its bundle
/// splitter (entities, internal objects, observables, relationships and sightings). An id is judged by its type prefix
/// (<c>type--uuid</c>); a value without <c>--</c> is not an id and is never filtered.
/// </summary>
internal static class SupportedStixTypes
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        // Meta objects
        "label", "vocabulary", "kill-chain-phase",

        // Core objects
        "attack-pattern", "campaign", "case-incident", "x-opencti-case-incident", "case-rfi", "x-opencti-case-rfi",
        "case-rft", "x-opencti-case-rft", "channel", "course-of-action", "data-component", "x-mitre-data-component",
        "data-source", "x-mitre-data-source", "event", "external-reference", "feedback", "x-opencti-feedback", "grouping",
        "identity", "incident", "indicator", "infrastructure", "intrusion-set", "language", "location", "malware",
        "malware-analysis", "marking-definition", "narrative", "note", "observed-data", "opinion", "report", "task",
        "x-opencti-task", "threat-actor", "tool", "vulnerability",

        // Internal objects
        "user", "group", "capability", "role", "settings", "notification", "work", "trash", "draftworkspace", "playbook",
        "deleteoperation", "workspace", "publicdashboard",

        // Observables
        "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "email-mime-part-type", "artifact",
        "file", "x509-certificate", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software",
        "url", "user-account", "windows-registry-key", "windows-registry-value-type", "hostname", "cryptographic-key",
        "cryptocurrency-wallet", "text", "user-agent", "bank-account", "phone-number", "credential", "tracking-number",
        "payment-card", "media-content", "simple-observable", "persona", "ssh-key",

        // Relationships
        "relationship", "sighting", "pir",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Types.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsSupportedType(string type) => Types.Contains(type);

    /// <summary>True unless <paramref name="id"/> is <c>type--…</c> with a type the platform does not import.</summary>
    public static bool IsIdSupported(string id)
    {
        var separator = id.IndexOf("--", StringComparison.Ordinal);
        return separator < 0 || Lookup.Contains(id.AsSpan(0, separator));
    }

    /// <summary>The same types, looked up by their ASCII bytes (every type name is ASCII).</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<byte>> AsciiLookup =
        new HashSet<string>(Types, AsciiTypeComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>
    /// <see cref="IsIdSupported(string)"/> for an id given as ASCII bytes: the type prefix is hashed and compared as
    /// bytes, with no widening to characters (two checks an object and one a reference, on every object read).
    /// </summary>
    public static bool IsAsciiIdSupported(ReadOnlySpan<byte> id)
    {
        var separator = id.IndexOf("--"u8);
        return separator < 0 || AsciiLookup.Contains(id[..separator]);
    }

    /// <summary>Ordinal equality of ASCII type names, as strings or as their bytes, with one hash for both forms.</summary>
    private sealed class AsciiTypeComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>
    {
        public static readonly AsciiTypeComparer Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        // Only the table's own names are hashed as strings, once, when the table is built.
        public int GetHashCode(string obj) => Hash(Encoding.UTF8.GetBytes(obj));

        public bool Equals(ReadOnlySpan<byte> alternate, string other) => Ascii.Equals(alternate, other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<byte> alternate) => Encoding.ASCII.GetString(alternate);

        private static int Hash(ReadOnlySpan<byte> bytes) => (int)XxHash3.HashToUInt64(bytes);
    }
}
