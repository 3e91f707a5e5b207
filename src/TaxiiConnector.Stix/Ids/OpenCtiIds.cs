namespace TaxiiConnector.Stix.Ids;

/// <summary>
/// The deterministic STIX ids OpenCTI computes itself (pycti <c>generate_id</c>): UUIDv5 in OpenCTI's namespace over the
/// canonical JSON of the object's key fields. Using the platform's own ids makes re-imports upserts, never duplicates.
/// </summary>
public static class OpenCtiIds
{
    /// <summary>OpenCTI's UUIDv5 namespace.</summary>
    public static readonly Guid Namespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary><c>identity--uuid5({"identity_class":class,"name":lower(trim(name))})</c>.</summary>
    public static string Identity(string name, string identityClass = "organization")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(identityClass);
        var canonical = CanonicalJson.Serialize(
            new("identity_class", identityClass.ToLowerInvariant()),
            new("name", name.Trim().ToLowerInvariant()));
        return "identity--" + UuidV5.Create(Namespace, canonical).ToString("D");
    }

    /// <summary>
    /// <c>note--uuid5({"content":trim(content)})</c>: pycti's note id without a creation date, so the same content always
    /// gives the same note (a re-fetched indicator does not create a new note).
    /// </summary>
    public static string Note(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var trimmed = content.AsSpan().Trim();
        // Hot path (one note per indicator): a STIX id needs no JSON escaping, so hash {"content":"<id>"} from the stack.
        if (trimmed.Length <= 200 && !NeedsEscaping(trimmed))
        {
            Span<byte> canonical = stackalloc byte[16 + (trimmed.Length * 3)];
            var length = 0;
            "{\"content\":\""u8.CopyTo(canonical);
            length += 12;
            length += System.Text.Encoding.UTF8.GetBytes(trimmed, canonical[length..]);
            "\"}"u8.CopyTo(canonical[length..]);
            length += 2;
            return Format("note--", UuidV5.Create(Namespace, canonical[..length]));
        }

        var json = CanonicalJson.Serialize(new KeyValuePair<string, string>("content", trimmed.ToString()));
        return Format("note--", UuidV5.Create(Namespace, json));
    }

    private static bool NeedsEscaping(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return true;
            }
        }

        return false;
    }

    private static string Format(string prefix, Guid id) =>
        string.Create(prefix.Length + 36, (prefix, id), static (span, state) =>
        {
            state.prefix.CopyTo(span);
            state.id.TryFormat(span[state.prefix.Length..], out _, "D");
        });
}
