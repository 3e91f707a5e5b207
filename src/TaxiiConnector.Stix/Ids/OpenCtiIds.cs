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

    /// <summary>The length of a note id (<c>note--</c> and a UUID).</summary>
    public const int NoteIdLength = 6 + 36;

    /// <summary>
    /// <see cref="Note(string)"/> from UTF-8 content that needs neither trimming nor JSON escaping (a STIX id), written
    /// into <paramref name="destination"/> (<see cref="NoteIdLength"/> bytes) without a string. False when the content
    /// does not qualify: call <see cref="Note(string)"/> then.
    /// </summary>
    public static bool TryWriteNoteId(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        if (content.IsEmpty || content.Length > 200 || destination.Length < NoteIdLength || !IsPlainAscii(content))
        {
            return false;
        }

        Span<byte> canonical = stackalloc byte[16 + 200];
        "{\"content\":\""u8.CopyTo(canonical);
        content.CopyTo(canonical[12..]);
        "\"}"u8.CopyTo(canonical[(12 + content.Length)..]);
        var id = UuidV5.Create(Namespace, canonical[..(14 + content.Length)]);
        "note--"u8.CopyTo(destination);
        return id.TryFormat(destination[6..], out _, "D");
    }

    /// <summary>Printable ASCII without space, quote or backslash: nothing to trim, nothing to escape.</summary>
    private static bool IsPlainAscii(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < 0x21 or > 0x7E or (byte)'"' or (byte)'\\')
            {
                return false;
            }
        }

        return true;
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
